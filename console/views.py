"""The webhook inbox endpoint: anyone may post to it, so it is CSRF-exempt and size-limited."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from actions.services import inbox_receive


@csrf_exempt
@require_POST
def inbox_receive_view(request: HttpRequest, token: str) -> JsonResponse:
    # One byte over the limit is enough to refuse; a larger body is never read.
    body = request.read(settings.INBOX_MAX_BODY_BYTES + 1)
    answer = inbox_receive(
        token=token, method=request.method or "", headers=dict(request.headers), body=body
    )
    return JsonResponse(answer.body, status=answer.status)
