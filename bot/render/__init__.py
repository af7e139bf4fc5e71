"""Reply models to text: Telegram HTML cards (`html`) and plain text for the terminal and the command line
(`plain`). Pure functions."""
