"""The "Mes jetons d’API" page: list, create (the secret shown once) and revoke tokens."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from initiatives.api.tokens import api_token_create, api_token_revoke, api_tokens_of


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Nom du jeton"),
        max_length=100,
        help_text=gettext_lazy("Le système qui l’utilisera, par exemple « Synchronisation GIA »."),
    )


@require_http_methods(["GET", "POST"])
def token_list(request):
    """List the user's tokens; on POST, create one and show its secret this once."""
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    context = {"form": form, "tokens": api_tokens_of(request.user), "secret": secret}
    response = render(request, "accounts/token_list.html", context)
    # The page may hold a secret: no cache keeps it.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(api_tokens_of(request.user), pk=pk)
    api_token_revoke(user=request.user, token=token)
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("tokens:list")
