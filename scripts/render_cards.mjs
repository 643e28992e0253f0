// Renders recorded payloads (tests/fakes/recorded.py) to PNG: Teams cards with Microsoft's
// adaptivecards renderer, Slack Block Kit as plain HTML/CSS close to Slack's look.
// node scripts/render_cards.mjs <json dir> <png dir>
import { createRequire } from "node:module";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH, "x.js"));
const { chromium } = require("playwright-core");
const acJs = readFileSync(require.resolve("adaptivecards/dist/adaptivecards.min.js"), "utf8");
const [jsonDir, pngDir] = process.argv.slice(2);

const teamsHost = {
  fontFamily: "Segoe UI, Helvetica Neue, Arial, sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E1DFDD" },
  fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  containerStyles: {
    default: { backgroundColor: "#FFFFFF", foregroundColors: {
      default: { default: "#242424", subtle: "#616161" }, accent: { default: "#5B5FC7" },
      attention: { default: "#C4314B" }, good: { default: "#237B4B" }, warning: { default: "#835C00" } } },
    emphasis: { backgroundColor: "#F5F5F5", foregroundColors: {
      default: { default: "#242424", subtle: "#616161" } } },
  },
  actions: { maxActions: 6, spacing: "default", buttonSpacing: 8, showCard: { actionMode: "inline", inlineTopMargin: 8 },
    actionsOrientation: "horizontal", actionAlignment: "stretch" },
  supportsInteractivity: true,
};

const teamsCss = `
body{margin:0;background:#F5F5F5;font-family:Segoe UI,Helvetica Neue,Arial,sans-serif}
#frame{width:520px;margin:12px;background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.2)}
.ac-pushButton{border:1px solid #D1D1D1;border-radius:4px;background:#fff;padding:6px 10px;font:600 14px Segoe UI,Arial;color:#242424;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.ac-pushButton.style-positive,.ac-pushButton.primary{background:#5B5FC7;color:#fff;border-color:#5B5FC7}
.ac-pushButton.style-destructive{color:#C4314B}
.ac-input{font:14px Segoe UI,Arial;border:1px solid #D1D1D1;border-radius:4px;padding:5px}
.ac-textBlock p{margin:0}
`;

function teamsPage(card) {
  return `<html><head><style>${teamsCss}</style><script>${acJs}</script></head><body><div id="frame"></div>
<script>
{
const c = new AdaptiveCards.AdaptiveCard();
c.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(teamsHost)});
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  let h = text.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;");
  h = h.replace(/&lt;at&gt;(.*?)&lt;\\/at&gt;/g,'<span style="color:#5B5FC7;font-weight:600">@$1</span>');
  h = h.replace(/\\*\\*(.+?)\\*\\*/g,"<b>$1</b>").replace(/(^|\\s)_(.+?)_(?=\\s|$|[.,:;!?])/g,"$1<i>$2</i>");
  h = h.replace(/\\[(.+?)\\]\\((.+?)\\)/g,'<a href="$2" style="color:#5B5FC7">$1</a>');
  h = h.split(/\\n\\n/).map(p => p.startsWith("- ") ? "<ul style='margin:0;padding-left:20px'>" + p.split("\\n").map(l => "<li>" + l.slice(2) + "</li>").join("") + "</ul>" : "<p>" + p + "</p>").join("");
  result.outputHtml = h; result.didProcess = true;
};
c.parse(${JSON.stringify(card)});
document.getElementById("frame").appendChild(c.render());
}
</script></body></html>`;
}

function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
function mrkdwn(t) {
  let h = esc(t);
  h = h.replace(/&lt;@(U\w+)&gt;/g, '<span class="mention">@$1</span>');
  h = h.replace(/&lt;(https?:[^|&]+)\|(.+?)&gt;/g, '<a href="$1">$2</a>');
  h = h.replace(/(^|[\s(])\*(.+?)\*(?=$|[\s).,:;!?])/gm, "$1<b>$2</b>").replace(/(^|\s)_(.+?)_(?=$|[\s.,:;!?])/gm, "$1<i>$2</i>");
  h = h.replace(/`([^`]+)`/g, "<code>$1</code>");
  h = h.split("\n").map(l => l.startsWith("&gt;") ? `<span class="quote">${l.slice(4)}</span>` : l).join("\n");
  return h.replace(/\n/g, "<br>");
}
function text(o) { return o ? (o.type === "mrkdwn" ? mrkdwn(o.text) : esc(o.text)) : ""; }
function element(e) {
  if (e.type === "button") return `<span class="btn ${e.style || ""}">${esc(e.text.text)}</span>`;
  if (e.type === "plain_text_input") return `<div class="input ${e.multiline ? "multi" : ""}">${esc(e.initial_value || (e.placeholder ? e.placeholder.text : ""))}</div>`;
  if (e.type === "checkboxes") return e.options.map(o => `<div class="cb">☐ ${text(o.text)}</div>`).join("");
  if (e.type === "datepicker") return `<div class="input">📅 ${esc(e.initial_date || e.placeholder?.text || "")}</div>`;
  return `<div class="input">${esc(e.placeholder ? e.placeholder.text : "")} ▾</div>`;
}
function block(b) {
  switch (b.type) {
    case "header": return `<h2>${esc(b.text.text)}</h2>`;
    case "section": return `<div class="section">${b.text ? `<div>${text(b.text)}</div>` : ""}${b.fields ? `<div class="fields">${b.fields.map(f => `<div>${text(f)}</div>`).join("")}</div>` : ""}</div>`;
    case "actions": return `<div class="actions">${b.elements.map(element).join("")}</div>`;
    case "context": return `<div class="context">${b.elements.map(text).join(" ")}</div>`;
    case "divider": return "<hr>";
    case "input": return `<div class="inputblock"><label>${esc(b.label.text)}${b.optional ? " <span class='opt'>(valfritt)</span>" : ""}</label>${element(b.element)}${b.hint ? `<div class="hint">${esc(b.hint.text)}</div>` : ""}</div>`;
    default: return "";
  }
}
const slackCss = `
body{margin:0;background:#fff;font:15px/1.46 Lato,Slack-Lato,Helvetica Neue,Arial,sans-serif;color:#1d1c1d}
#frame{width:600px;padding:12px 20px}
.who{font-weight:900}.app{background:#e8e8e8;font-size:10px;padding:1px 3px;border-radius:2px;margin-left:4px;color:#616061}
h2{font-size:18px;margin:6px 0}.section{margin:6px 0}.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin-top:6px}
.actions{margin:8px 0;display:flex;flex-wrap:wrap;gap:8px}.btn{border:1px solid #ccc;border-radius:4px;padding:4px 12px;font-weight:700;font-size:13px}
.btn.primary{background:#007a5a;color:#fff;border-color:#007a5a}.btn.danger{color:#e01e5a;border-color:#e01e5a}
.context{font-size:12px;color:#616061;margin:6px 0}hr{border:0;border-top:1px solid #ddd}
.quote{border-left:4px solid #ddd;padding-left:8px;display:inline-block}code{background:#f4f4f4;border:1px solid #ddd;color:#e01e5a;padding:0 3px}
.mention{background:#e8f5fa;color:#1264a3}a{color:#1264a3}
.modal{border:1px solid #ddd;border-radius:8px;box-shadow:0 4px 12px rgba(0,0,0,.15);padding:0 0 12px}
.modal .title{font-weight:900;font-size:20px;padding:16px 20px;border-bottom:1px solid #ddd}.modal .body{padding:8px 20px}
.modal .foot{text-align:right;padding:12px 20px 0;border-top:1px solid #ddd}
.inputblock{margin:12px 0}.inputblock label{font-weight:700;display:block;margin-bottom:4px}.opt{font-weight:400;color:#616061}
.input{border:1px solid #bbb;border-radius:4px;padding:8px;min-height:20px;color:#616061}.input.multi{min-height:60px}.hint{font-size:13px;color:#616061}.cb{margin:4px 0}
`;
function slackPage(method, args) {
  let inner;
  if (args.view) {
    const v = args.view;
    const body = (v.blocks || []).map(block).join("");
    inner = v.type === "modal"
      ? `<div class="modal"><div class="title">${esc(v.title.text)}</div><div class="body">${body}</div><div class="foot"><span class="btn">${esc(v.close?.text || "Avbryt")}</span> <span class="btn primary">${esc(v.submit?.text || "")}</span></div></div>`
      : `<div>${body}</div>`;
  } else {
    inner = `<div><span class="who">smbot</span><span class="app">APP</span></div>${(args.blocks || []).map(block).join("")}`;
  }
  return `<html><head><style>${slackCss}</style></head><body><div id="frame">${inner}</div></body></html>`;
}

function title(p) {
  const b = p.body;
  if (p.platform === "teams") {
    const first = (b.body || []).find(e => e.type === "TextBlock");
    return first ? first.text : "card";
  }
  if (b.view) return b.view.title ? b.view.title.text : "home";
  const h = (b.blocks || []).find(x => x.type === "header");
  return h ? h.text.text : (b.text || "message");
}
function slug(s) {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
}

const files = readdirSync(jsonDir).filter(f => f.endsWith(".json")).sort();
const seen = new Set();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 1 });
page.on("pageerror", (error) => console.error("page:", String(error).slice(0, 200)));
let n = 0;
for (const f of files) {
  const p = JSON.parse(readFileSync(path.join(jsonDir, f), "utf8"));
  const digest = createHash("sha1").update(JSON.stringify(p.body.blocks || p.body.view || p.body).replace(/"(key|ts|value|action_id|channel)":"[^"]*"/g, "")).digest("hex");
  if (seen.has(digest)) continue;
  seen.add(digest);
  n += 1;
  const html = p.platform === "teams" ? teamsPage(p.body) : slackPage(p.kind, p.body);
  await page.setContent(html);
  const frame = await page.$("#frame");
  const name = `${p.platform}-${String(n).padStart(3, "0")}-${slug(title(p))}.png`;
  try {
    await frame.screenshot({ path: path.join(pngDir, name), timeout: 5000 });
  } catch (error) {
    console.error(`${name}: not rendered (${String(error).split("\n")[0]})`);
    continue;
  }
  writeFileSync(path.join(pngDir, name.replace(/\.png$/, ".txt")), `${p.test}\n${p.kind}\n`);
}
await browser.close();
console.log(`${n} distinct payloads rendered`);
