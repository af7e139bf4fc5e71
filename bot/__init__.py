"""Front ends of interview-qa: the command line, the terminal chat and the Telegram bot."""
