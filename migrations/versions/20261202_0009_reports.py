"""Reports of profiles and photos, protective holds, and the member each moderation
action concerns

A report names its reporter, its target (a profile or a photo) and the target's member;
one may be open per reporter and target. A profile gains a moderation state (held while
its reports await review), a photo's gains `held` beside `hidden`. Each moderation action
now names the member it concerns, so a member's audit trail is one indexed read; the
existing rows are filled in from their targets.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_ACTIONS = "'suspend_user', 'unsuspend_user', 'hide_photo', 'unhide_photo'"
NEW_ACTIONS = f"{OLD_ACTIONS}, 'hold_profile', 'hold_photo', 'dismiss_reports'"


def upgrade() -> None:
    op.add_column("moderation_actions", sa.Column("subject_uid", sa.String(128), nullable=True))
    op.create_index(
        "ix_moderation_actions_subject_uid", "moderation_actions", ["subject_uid"], unique=False
    )
    op.execute("UPDATE moderation_actions SET subject_uid = target_id WHERE target_type = 'user'")
    op.execute(
        "UPDATE moderation_actions m SET subject_uid = p.user_uid"
        " FROM photos ph JOIN profiles p ON p.id = ph.owner_id"
        " WHERE m.target_type = 'photo' AND m.target_id = ph.id::text"
    )
    op.drop_constraint(op.f("ck_moderation_actions_action"), "moderation_actions", type_="check")
    op.create_check_constraint(
        op.f("ck_moderation_actions_action"), "moderation_actions", f"action IN ({NEW_ACTIONS})"
    )
    op.drop_constraint(op.f("ck_photos_moderation"), "photos", type_="check")
    op.create_check_constraint(
        op.f("ck_photos_moderation"), "photos", "moderation IN ('visible', 'held', 'hidden')"
    )
    op.add_column(
        "profiles",
        sa.Column("moderation", sa.String(16), server_default="visible", nullable=False),
    )
    op.create_check_constraint(
        op.f("ck_profiles_moderation"), "profiles", "moderation IN ('visible', 'held')"
    )
    _create_reports()


def _create_reports() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reporter_uid", sa.String(128), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=False),
        sa.Column("subject_uid", sa.String(128), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_id", sa.BigInteger(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "category IN ('spam', 'harassment', 'nudity_without_consent', 'minor',"
            " 'impersonation', 'other')",
            name=op.f("ck_reports_category"),
        ),
        sa.CheckConstraint(
            "target_kind IN ('profile', 'photo')", name=op.f("ck_reports_target_kind")
        ),
        sa.CheckConstraint(
            "state IN ('open', 'dismissed', 'actioned')", name=op.f("ck_reports_state")
        ),
        sa.CheckConstraint("reporter_uid <> subject_uid", name=op.f("ck_reports_not_self")),
        sa.ForeignKeyConstraint(
            ["reporter_uid"],
            ["users.uid"],
            name=op.f("fk_reports_reporter_uid_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subject_uid"],
            ["users.uid"],
            name=op.f("fk_reports_subject_uid_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["moderation_actions.id"],
            name=op.f("fk_reports_resolution_id_moderation_actions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    op.create_index(
        "uq_reports_open_pair",
        "reports",
        ["reporter_uid", "target_kind", "target_id"],
        unique=True,
        postgresql_where=sa.text("state = 'open'"),
    )
    op.create_index(
        "ix_reports_open_target",
        "reports",
        ["target_kind", "target_id"],
        postgresql_where=sa.text("state = 'open'"),
    )
    op.create_index("ix_reports_reporter_created", "reports", ["reporter_uid", "created_at"])
    op.create_index(op.f("ix_reports_subject_uid"), "reports", ["subject_uid"])


def downgrade() -> None:
    op.drop_table("reports")
    op.drop_constraint(op.f("ck_profiles_moderation"), "profiles", type_="check")
    op.drop_column("profiles", "moderation")
    # Holds and dismissals have no older equivalent: a held photo shows again, and the
    # audit rows of holds and dismissals go with the states they recorded.
    op.execute("UPDATE photos SET moderation = 'visible' WHERE moderation = 'held'")
    op.drop_constraint(op.f("ck_photos_moderation"), "photos", type_="check")
    op.create_check_constraint(
        op.f("ck_photos_moderation"), "photos", "moderation IN ('visible', 'hidden')"
    )
    op.execute(f"DELETE FROM moderation_actions WHERE action NOT IN ({OLD_ACTIONS})")  # noqa: S608 - constants
    op.drop_constraint(op.f("ck_moderation_actions_action"), "moderation_actions", type_="check")
    op.create_check_constraint(
        op.f("ck_moderation_actions_action"), "moderation_actions", f"action IN ({OLD_ACTIONS})"
    )
    op.drop_index("ix_moderation_actions_subject_uid", table_name="moderation_actions")
    op.drop_column("moderation_actions", "subject_uid")
