#!/bin/sh
# Backup of the HGS database: one pg_dump (custom format) per day in HGS_BACKUP_DIR, the last
# 30 days kept. Run nightly by deploy/hgs-backup.timer (or cron). Restore into an empty database:
#   pg_restore --no-owner --dbname=postgresql://hgs@127.0.0.1/hgs /var/backups/hgs/hgs-DATE.dump
set -eu
dir=${HGS_BACKUP_DIR:-/var/backups/hgs}
mkdir -p "$dir"
file="$dir/hgs-$(date +%Y-%m-%d).dump"
pg_dump --format=custom --file="$file.part" --dbname="$HGS_DATABASE_URL"
mv "$file.part" "$file"
find "$dir" -name 'hgs-*.dump' -mtime +30 -delete
