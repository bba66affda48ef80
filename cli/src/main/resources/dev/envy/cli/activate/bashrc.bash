# Written by `envy activate` for one bash session; removed as soon as it has been read.
# The user's own rc file comes first, so the environment's profile and prompt marker win.
if [ -f "$HOME/.bashrc" ]; then . "$HOME/.bashrc"; fi
@@SESSION@@
command rm -rf -- @@DIR@@
