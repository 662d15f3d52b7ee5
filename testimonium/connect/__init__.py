"""Connect: link documents — one entity across spellings, one event across reports, corroboration."""
