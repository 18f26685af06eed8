"""Every member 18 or older: existing under-age photographers are suspended, not deleted

Models were always checked; photographers now are too. Photographers registered before
this who are under 18 today are suspended with a reason, as a moderator would: their
rows, profile, photos and birth date stay; a suspended account reads GET /v1/me (which
says why) and cannot write; the suspension event takes them out of the search indices.
An administrator lifts it once they are 18. Birth dates encrypted under another secret
key cannot be read and are left as they are.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 09:30:00.000000
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from lumen.commands.birth_dates import MINIMUM_AGE, age_on, decrypt, today
from lumen.settings import load_settings

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTOR = "lumen:migration-0006"
REASON = f"Members must be {MINIMUM_AGE} or older; this account was opened younger."


def _secret_key() -> str:
    return str(context.config.attributes.get("secret_key") or load_settings().secret_key)


def _moderate(uid: str, version: int, action: str, event: str) -> None:
    """The audit row and the outbox event, as the moderation commands write them."""
    bind = op.get_bind()
    action_id = bind.execute(
        sa.text(
            "INSERT INTO moderation_actions (actor_uid, action, target_type, target_id, reason)"
            " VALUES (:actor, :action, 'user', :uid, :reason) RETURNING id"
        ),
        {"actor": ACTOR, "action": action, "uid": uid, "reason": REASON},
    ).scalar_one()
    bind.execute(
        sa.text(
            "INSERT INTO outbox (aggregate_type, aggregate_id, aggregate_version,"
            " event_type, payload, attempts)"
            " VALUES ('user', :uid, :version, :event, CAST(:payload AS jsonb), 0)"
        ),
        {
            "uid": uid,
            "version": version,
            "event": event,
            "payload": json.dumps({"moderation_action_id": action_id}),
        },
    )


def upgrade() -> None:
    bind = op.get_bind()
    key, day = _secret_key(), today()
    photographers = bind.execute(
        sa.text(
            "SELECT uid, birth_date_encrypted FROM users"
            " WHERE role = 'photographer' AND status = 'active' FOR UPDATE"
        )
    ).all()
    for uid, stored in photographers:
        born = decrypt(bytes(stored), key)
        if born is None or age_on(born, day) >= MINIMUM_AGE:
            continue
        version = bind.execute(
            sa.text(
                "UPDATE users SET status = 'suspended', status_reason = :reason,"
                " version = version + 1 WHERE uid = :uid RETURNING version"
            ),
            {"uid": uid, "reason": REASON},
        ).scalar_one()
        _moderate(uid, version, "suspend_user", "UserSuspended")


def downgrade() -> None:
    # Lifts only the suspensions this revision made, and only those still in force.
    bind = op.get_bind()
    lifted = bind.execute(
        sa.text(
            "UPDATE users SET status = 'active', status_reason = NULL, version = version + 1"
            " WHERE status = 'suspended' AND status_reason = :reason AND uid IN ("
            " SELECT target_id FROM moderation_actions WHERE actor_uid = :actor)"
            " RETURNING uid, version"
        ),
        {"reason": REASON, "actor": ACTOR},
    ).all()
    for uid, version in lifted:
        _moderate(uid, version, "unsuspend_user", "UserUnsuspended")
