# Sourced by the other scripts: run a command as the postgres superuser, from a
# directory it can read, with notices kept quiet.
as_postgres() { (cd / && PGOPTIONS="-c client_min_messages=warning" runuser -u postgres -- "$@"); }
