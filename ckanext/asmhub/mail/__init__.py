"""The outbox: every mail the hub sends, recorded, sent by a background job and retried.

Review notices are written in the transaction of the decision they announce
(``outbox.queue``); CKAN's own mail (password resets, invitations, activity
notices) reaches the outbox through ``INotifier`` (``outbox.capture``). Either
way a background job sends it with CKAN's mailer and records the outcome, so
no request waits for, and no decision is lost by, the mail server. Sysadmins
read the outbox at ``/ckan-admin/outbox``. ``ckan asmhub mail sink`` is a local
SMTP server that keeps every message it receives in a Maildir, for machines
without a mail server (``make run`` starts it).
"""
