# Written by `envy activate` for one fish session (fish -C); removed as soon as it has been read.
@@SESSION@@
command rm -rf -- @@DIR@@
