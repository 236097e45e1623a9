"""The page where each staff user turns their own daily digest on or off."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from alerts.digests import digest_subscription, digest_subscription_save
from alerts.models import DigestSubscription


class DigestForm(forms.ModelForm):
    class Meta:
        model = DigestSubscription
        fields = ["enabled", "timezone", "send_hour"]


def digest_view(site: AdminSite, request: HttpRequest) -> HttpResponse:
    """Only the signed-in user's own setting is shown and changed."""
    user_id = request.user.pk
    if user_id is None:
        raise PermissionDenied
    subscription = digest_subscription(user_id)
    form = DigestForm(request.POST or None, instance=subscription)
    if request.method == "POST" and form.is_valid():
        saved = digest_subscription_save(
            user_id=user_id,
            enabled=form.cleaned_data["enabled"],
            zone=form.cleaned_data["timezone"],
            send_hour=form.cleaned_data["send_hour"],
        )
        messages.success(request, digest_saved_text(saved, getattr(request.user, "email", "")))
        return HttpResponseRedirect(reverse("admin:digest"))
    context = {
        **site.each_context(request),
        "title": "My daily digest by email",
        "form": form,
        "email": getattr(request.user, "email", ""),
    }
    return TemplateResponse(request, "admin/home/digest.html", context)


def digest_saved_text(subscription: DigestSubscription, email: str) -> str:
    if not subscription.enabled:
        return "The daily digest is off: nothing will be sent to you."
    where = email or "your email address (none is set: ask an admin to add one)"
    return (
        f"The daily digest will be sent to {where} every day at "
        f"{subscription.send_hour:02d}:00 ({subscription.timezone}), about the day before."
    )
