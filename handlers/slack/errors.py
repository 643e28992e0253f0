from slack_sdk.errors import SlackApiError


def error_code(error: SlackApiError) -> str:
    """Slack's error code; empty when the answer was not Slack's JSON (a proxy's 502 page)."""
    data = error.response.data
    return str(data.get("error", "")) if isinstance(data, dict) else ""
