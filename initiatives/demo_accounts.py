"""The demonstration accounts: one per role, with the memberships an officer needs.

Roles are groups and memberships; these usernames exist only here, as data.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from initiatives.models import Membership
from initiatives.roles import COORDINATOR, OFFICER, READER

DEMO_PASSWORD = "demo"
# (username, role group, organisation acronym of the membership)
DEMO_ACCOUNTS = (
    ("coordination", COORDINATOR, None),
    ("agent.mcc", OFFICER, "MCC"),
    ("agent.banq", OFFICER, "BAnQ"),
    ("gestion", READER, None),
    ("analyse", READER, None),
)


def create_demo_accounts(organizations: dict) -> list[str]:
    """Create the missing demonstration accounts; return their usernames.

    An existing account is left alone, so that a second run does not undo
    what an administrator changed (its password, groups or memberships).
    """
    user_model = get_user_model()
    usernames = [username for username, _role, _acronym in DEMO_ACCOUNTS]
    existing = set(
        user_model.objects.filter(username__in=usernames).values_list("username", flat=True)
    )
    missing = [account for account in DEMO_ACCOUNTS if account[0] not in existing]
    if not missing:
        return []
    # Hashed once: the password is the same for every account, and hashing is slow on purpose.
    password = make_password(DEMO_PASSWORD)
    groups = {
        group.name: group for group in Group.objects.filter(name__in=[COORDINATOR, OFFICER, READER])
    }
    for username, role, acronym in missing:
        user = user_model.objects.create(username=username, password=password)
        user.groups.add(groups[role])
        if acronym:
            Membership.objects.create(user=user, organization=organizations[acronym])
    return [username for username, _role, _acronym in missing]
