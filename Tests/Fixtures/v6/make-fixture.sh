#!/usr/bin/env bash
# Makes v6-database.bin: a database of invented cases written by caunoi at commit cf5ffbc (schema
# v6, before certificates), for the upgrade test (CasesTests/UpgradeTests.swift). Run it with
# that commit's binary: `git worktree add /tmp/old cf5ffbc && (cd /tmp/old && swift build)`,
# then `bash make-fixture.sh /tmp/old/.build/debug/caunoi`. Every name and number is invented;
# the passphrases and the recovery key are test values (see README.md beside this file).
set -euo pipefail
BIN=$1
cd "$(dirname "$0")"
rm -f v6-database.bin v6-database.bin-wal v6-database.bin-shm v6-recovery-key.txt
export CAUNOI_DB="$PWD/v6-database.bin" CAUNOI_POLICY="$PWD/../../../policy"
as() { local user=$1; shift; CAUNOI_USER=$user CAUNOI_PASSPHRASE="fixture passphrase $user" "$BIN" "$@"; }
new() { local user=$1; shift; CAUNOI_NEW_PASSPHRASE="fixture passphrase $user" "$@"; }

new quantri "$BIN" init --admin quantri --recovery-out v6-recovery-key.txt
as quantri centre add HN-OSSO --name "Văn phòng OSSO Hà Nội" --province 01 --kind osso
as quantri centre add CT-HN --name "Trung tâm tư vấn hôn nhân Cần Thơ" --province 92 --kind marriage
new lan as quantri user add lan --role manager --centre HN-OSSO --recovery-key-file v6-recovery-key.txt
new mai as quantri user add mai --role manager --centre CT-HN --recovery-key-file v6-recovery-key.txt
new thuy as lan user add thuy --role counsellor --centre HN-OSSO
new hanh as lan user add hanh --role counsellor --centre HN-OSSO
new thongke as quantri user add thongke --role statistician
new trunguong as quantri user add trunguong --role central --recovery-key-file v6-recovery-key.txt

as thuy case open --programme returnee --name "Trần Thị Thử Nghiệm" --dob 1994-03-08 --phone 0987000111 \
  --passport N0000001 --origin-province 30 --destination KR --migration marriage --need divorce-recognition --risk high \
  --safe-contact "Chỉ gọi sau 18h" --note "Ghi chú thử nghiệm thứ nhất."
as thuy case note HN-OSSO-2026-00001 --text "Ghi chú thử nghiệm thứ hai."
as thuy case open --programme returnee --name "Lê Thị Giả Định" --phone 0987000222 --destination TW --migration labour --need employment
as mai case open --programme marriage --name "Phạm Thị Ví Dụ" --phone 0987000333 --destination CN --need legal-counselling
as thuy consent give HN-OSSO-2026-00001 --purpose referral --agency-kind embassy --fields name,dob,passport,destination
EMB=$(as thuy referral suggest HN-OSSO-2026-00001 --json | python3 -c "import json,sys; print(next(s['agency']+' '+s['service'] for s in json.load(sys.stdin) if s['review']))")
as lan referral create HN-OSSO-2026-00001 --agency "${EMB% *}" --service "${EMB#* }" --override-consent "Đồng ý trên giấy (thử nghiệm)"
as trunguong referral return HN-OSSO-2026-00001-R1 --reason "Lý do trả lại thử nghiệm"
as lan association add --name "Hội thử nghiệm tại Busan" --country KR --contact-phone 0987000444
# A removed user, then a rotation whose grants are still pending (unsigned, from before v7).
as lan user remove hanh
as lan keys rotate --centre HN-OSSO
as thuy case open --programme returnee --name "Đỗ Thị Sau Xoay" --phone 0987000555 --destination JP --migration labour --need health || true
rm -f v6-database.bin-wal v6-database.bin-shm
sqlite3 v6-database.bin "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE; VACUUM;" >/dev/null 2>&1 || true
