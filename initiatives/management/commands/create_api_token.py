"""Create a personal API token for a user and print its secret, this once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from initiatives.api.tokens import api_token_create


class Command(BaseCommand):
    help = _("Crée un jeton d’API pour un utilisateur et l’affiche une seule fois.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default=_("Jeton créé en ligne de commande"))

    def handle(self, *args, username, name, **options):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist as error:
            raise CommandError(_("Utilisateur inconnu : %(name)s") % {"name": username}) from error
        token, secret = api_token_create(user=user, name=name[:100])
        self.stderr.write(
            _(
                "Jeton « %(name)s » créé pour %(user)s (début : %(prefix)s). Conservez-le : "
                "il ne sera plus affiché."
            )
            % {"name": token.name, "user": username, "prefix": token.prefix}
        )
        self.stdout.write(secret)
