"""The periodic mails: the weekly SAM digest, the monthly coordinator reminder and the
announcement of the termly university overview. Each module renders its mail from
templates/reports/email/ in the recipient's language and sends it through Django's email
backend (console locally, SMTP by EMAIL_URL in production)."""
