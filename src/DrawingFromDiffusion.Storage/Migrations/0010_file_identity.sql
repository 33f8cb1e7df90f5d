-- Which file each path was when it was read (Linux; NULL elsewhere and for rows of older scans): device, inode and
-- ctime. A served file is trusted on size and mtime only while these still match; otherwise its content hash is
-- checked, since a user can reset a replacement's mtime but not its ctime.
ALTER TABLE files ADD COLUMN device INTEGER;
ALTER TABLE files ADD COLUMN inode INTEGER;
ALTER TABLE files ADD COLUMN ctime_ticks INTEGER;
