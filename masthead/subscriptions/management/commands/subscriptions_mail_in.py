"""Reads one mail from standard input: an unsubscribe request or a bounce (services/incoming_mail.py)."""

import sys

from django.core.management.base import BaseCommand

from masthead.subscriptions.services.incoming_mail import mail_in_handle


class Command(BaseCommand):
    help = "Apply one incoming mail (unsubscribe request or bounce report) read from standard input."

    def handle(self, *args, **options):
        self.stdout.write(mail_in_handle(raw=sys.stdin.buffer.read()))
