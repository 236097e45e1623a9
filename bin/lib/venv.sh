# Create .venv with the machine's python3 and install a requirements file into it,
# again only when that file changed since the last install.
ensure_venv() {
  local requirements="$1"
  local stamp=".venv/.installed-$(basename "$requirements")"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip
  fi
  if [ ! -f "$stamp" ] || [ -n "$(find requirements*.txt -newer "$stamp")" ]; then
    .venv/bin/python -m pip install --quiet -r "$requirements"
    touch "$stamp"
  fi
}
