"""The workshop kit of the facilitation guide: from a line's workbook, the message to a new participant, an
invitation (.eml) and a calendar entry (.ics) per workshop, and each workshop's one-page facilitator agenda (.docx).

`facts` checks what the kit needs from the workbook (every value a message shows, or a problem naming its cell),
`texts` words the messages from the label catalogue (templates/labels/kit.*.toml), `mail`, `calendar` and `agenda`
write the files, `package` puts one line's files together. The command's core is pipeline/commands/kit.py."""
