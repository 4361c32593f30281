from wagtail import hooks

from cms.approvals.flow import APPROVAL, ApprovalFormatter


@hooks.register("register_log_actions")
def register_approval_action(actions):
    actions.register_action(APPROVAL)(ApprovalFormatter)
