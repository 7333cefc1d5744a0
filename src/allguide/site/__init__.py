"""The site around the languages: which are listed, the entry page, addresses, and
building the languages."""
