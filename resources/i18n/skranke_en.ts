<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="da">
<context>
    <name>ChannelRow</name>
    <message>
        <location filename="../../ui/counter/form_panels.py" line="+81"/>
        <source>Kanal: {channel}</source>
        <translation>Channel: {channel}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+{n}</source>
        <translation>Ctrl+{n}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ekspeditionstid</source>
        <translation>Handling time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tiden for den igangværende henvendelse. Starter ved &apos;Ny borger&apos; (Ctrl+N)</source>
        <translation>Time spent on the current contact. Starts with &apos;New citizen&apos; (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ny borger</source>
        <translation>New citizen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ny borger: start tiden forfra</source>
        <translation>New citizen: restart the timer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start tiden forfra (Ctrl+N)</source>
        <translation>Restart the timer (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Tid {time}</source>
        <translation>Time {time}</translation>
    </message>
</context>
<context>
    <name>ChoicesBar</name>
    <message>
        <location filename="../../ui/team/choices.py" line="+72"/>
        <source>I dag</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Denne uge</source>
        <translation>This week</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sidste uge</source>
        <translation>Last week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Denne måned</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sidste måned</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>I år</source>
        <translation>This year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vælg datoer</source>
        <translation>Choose dates</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Fra dato</source>
        <translation>From date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Til dato</source>
        <translation>To date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alle</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Periode:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fra:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Til:</source>
        <translation>To:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Afdeling:</source>
        <translation>Centre:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skranke:</source>
        <translation>Desk:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kanal:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Område:</source>
        <translation>Area:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Udfald:</source>
        <translation>Outcome:</translation>
    </message>
</context>
<context>
    <name>CitizenScreen</name>
    <message>
        <location filename="../../ui/citizen_screen.py" line="+25"/>
        <source>Skranke – til borgeren</source>
        <translation>Skranke – for the citizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Borgerskærm</source>
        <translation>Citizen screen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Velkommen til Borgerservice</source>
        <translation>Welcome to Citizen Service</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Scan med kameraet på din telefon</source>
        <translation>Scan with your phone&apos;s camera</translation>
    </message>
</context>
<context>
    <name>CounterKeyboard</name>
    <message>
        <location filename="../../ui/counter/keyboard.py" line="+130"/>
        <source>Tilbage ved skranken: tast et nummer for at registrere.</source>
        <translation>Back at the counter: press a number to log a contact.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Formularen er nulstillet.</source>
        <translation>The form has been reset.</translation>
    </message>
</context>
<context>
    <name>CounterLayout</name>
    <message>
        <location filename="../../ui/counter/layout.py" line="+45"/>
        <source>Fejlmeddelelse</source>
        <translation>Error message</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../ui/counter_window.py" line="+162"/>
        <source>Åbner databasen …</source>
        <translation>Opening the database …</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Klar. Klik på et sagsområde (eller tast dets nummer) for at registrere.</source>
        <translation>Ready. Click an area (or press its number) to log a contact.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Vent et øjeblik: databasen åbnes.</source>
        <translation>One moment: the database is opening.</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>{desk} · {municipality}</source>
        <translation>{desk} · {municipality}</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>I dag</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selvbetjening (Ctrl+F)</source>
        <translation>Self-service (Ctrl+F)</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Fortryd seneste</source>
        <translation>Undo last</translation>
    </message>
    <message>
        <location line="+200"/>
        <source>Ny borger: tiden kører.</source>
        <translation>New citizen: the timer is running.</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Uventet fejl – intet er ændret ved denne handling: {error}</source>
        <translation>Unexpected error – this action changed nothing: {error}</translation>
    </message>
</context>
<context>
    <name>CounterWrites</name>
    <message>
        <location filename="../../ui/counter/writes.py" line="+63"/>
        <source>{n} taster under opstarten havde intet sagsområde og er ikke registreret.</source>
        <translation>{n} keys typed during start-up had no area and were not logged.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{key} er ledig. Gem en favorit med Ctrl+D efter en registrering.</source>
        <translation>{key} is free. Save a favourite with Ctrl+D after logging a contact.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Vælg først den opringendes kommune, så registreres opkaldet.</source>
        <translation>Choose the caller&apos;s municipality first; then the call is logged.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Vælg en eller flere henvendelser i listen for at annullere dem.</source>
        <translation>Select one or more contacts in the list to cancel them.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Databasen åbnes: {n} venter og gemmes, når den er åbnet.</source>
        <translation>Opening the database: {n} waiting, saved once it is open.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gemmer …</source>
        <translation>Saving …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gemmer {n} …</source>
        <translation>Saving {n} …</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+66"/>
        <location line="+37"/>
        <source>Ikke gemt – se meddelelsen øverst.</source>
        <translation>Not saved – see the message at the top.</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>✓ Registreret: {label}. Ctrl+Z fortryder.</source>
        <translation>✓ Logged: {label}. Ctrl+Z undoes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ Registreret {count} × {label}. Ctrl+Z fortryder.</source>
        <translation>✓ Logged {count} × {label}. Ctrl+Z undoes.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Der er intet at fortryde.</source>
        <translation>There is nothing to undo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fortrudt</source>
        <translation>Undone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Annulleret</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Gemmer {n} mere …</source>
        <translation>Saving {n} more …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Henvendelsen er IKKE gemt. {reason}</source>
        <translation>The contact has NOT been saved. {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+35"/>
        <source>Intet er annulleret – se meddelelsen øverst.</source>
        <translation>Nothing was cancelled – see the message at the top.</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>1 henvendelse er IKKE gemt endnu.</source>
        <translation>1 contact has NOT been saved yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} henvendelser er IKKE gemt endnu.</source>
        <translation>{n} contacts have NOT been saved yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Intet er annulleret endnu.</source>
        <translation>Nothing has been cancelled yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} annulleringer venter også.</source>
        <translation>{n} cancellations are waiting too.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prøv igen</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skranke prøver igen om lidt, eller klik: {link}</source>
        <translation>Skranke tries again shortly, or click: {link}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{n} henvendelser og {m} annulleringer er IKKE gemt. Skranke prøver igen; lukker du vinduet en gang til, går de tabt.</source>
        <translation>{n} contacts and {m} cancellations have NOT been saved. Skranke keeps trying; if you close the window again, they are lost.</translation>
    </message>
</context>
<context>
    <name>DetailsBox</name>
    <message>
        <location filename="../../ui/counter/details_box.py" line="+38"/>
        <source>Detaljer (nulstilles efter hver registrering)</source>
        <translation>Details (reset after each contact is logged)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Medbetjening</source>
        <translation>Assis&amp;ted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hjælp til selvbetjening (medbetjening)</source>
        <translation>Assisted self-service (the citizen did it with help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Borgeren gjorde det selv på sin egen telefon eller pc, med hjælp</source>
        <translation>The citizen did it on their own phone or computer, with help</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F&amp;uldmagt / pårørende</source>
        <translation>&amp;Power of attorney / relative</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>På vegne af en anden (fuldmagt/pårørende)</source>
        <translation>On behalf of someone else (power of attorney/relative)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fr&amp;itagelse</source>
        <translation>Exempt&amp;ion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fritagelse</source>
        <translation>Exemption</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Borgeren blev fritaget for Digital Post eller digital selvbetjening</source>
        <translation>The citizen was exempted from Digital Post or digital self-service</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Som området plejer</source>
        <translation>Usual for the area</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ikke vurderet</source>
        <translation>Not assessed</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Antal henvendelser, der registreres</source>
        <translation>Number of contacts to log</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flere ens henvendelser på én gang: tast + og −</source>
        <translation>Several identical contacts at once: press + and −</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Note (valgfri, aldrig CPR-nummer)</source>
        <translation>Note (optional, never a CPR number)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valgfri kort note – aldrig navn eller CPR-nr.</source>
        <translation>Optional short note – never a name or CPR number</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Udleveret ved denne henvendelse</source>
        <translation>Handed out during this contact</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Type:</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Parathed:</source>
        <translation>&amp;Readiness:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Henven&amp;der:</source>
        <translation>Req&amp;uester:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Antal:</source>
        <translation>&amp;Count:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Udleveret til borgeren: {titles}</source>
        <translation>Handed to the citizen: {titles}</translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <location filename="../../ui/team/exports.py" line="+51"/>
        <source>&amp;Eksportér …</source>
        <translation>&amp;Export …</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Vælg mappe til CSV-filerne</source>
        <translation>Choose a folder for the CSV files</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gem eksport</source>
        <translation>Save export</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Eksporterer …</source>
        <translation>Exporting …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Eksporteret {n} henvendelser til {path}</source>
        <translation>Exported {n} contacts to {path}</translation>
    </message>
</context>
<context>
    <name>FavouritesPanel</name>
    <message>
        <location filename="../../ui/counter/favourites_panel.py" line="+35"/>
        <source>Favoritter – én tast registrerer hele kombinationen</source>
        <translation>Favourites – one key logs the whole combination</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>ledig</source>
        <translation>free</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Favorit {key}: ledig</source>
        <translation>Favourite {key}: free</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gem seneste henvendelse her: højreklik</source>
        <translation>Save the last contact here: right-click</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ugyldig</source>
        <translation>invalid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Favorit {key}: ugyldig</source>
        <translation>Favourite {key}: invalid</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Favorit {key}: {label}</source>
        <translation>Favourite {key}: {label}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{label} ({key})</source>
        <translation>{label} ({key})</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Gem seneste henvendelse på {key}</source>
        <translation>Save the last contact on {key}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fjern favorit {key}</source>
        <translation>Remove favourite {key}</translation>
    </message>
</context>
<context>
    <name>HeardTable</name>
    <message>
        <location filename="../../ui/team/heard.py" line="+39"/>
        <source>Skranke</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Afdeling</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kommune</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Sidst hørt fra</source>
        <translation>Last heard from</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Sidste sekvens</source>
        <translation>Last sequence</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{day} kl. {time} ({ago})</source>
        <translation>{day} at {time} ({ago})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{when} – stille</source>
        <translation>{when} – silent</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Ikke hørt fra i over en arbejdsdag</source>
        <translation>Not heard from for more than a working day</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skranker ({n}, {silent} stille)</source>
        <translation>Desks ({n}, {silent} silent)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skranker ({n})</source>
        <translation>Desks ({n})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>lige nu</source>
        <translation>just now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for {n} min. siden</source>
        <translation>{n} min. ago</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for {n} t. siden</source>
        <translation>{n} h ago</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>for 1 dag siden</source>
        <translation>1 day ago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>for {n} dage siden</source>
        <translation>{n} days ago</translation>
    </message>
</context>
<context>
    <name>HotlinePanel</name>
    <message>
        <location filename="../../ui/counter/hotline_panel.py" line="+74"/>
        <source>Den opringendes kommune</source>
        <translation>The caller&apos;s municipality</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Seneste registrerede opkald</source>
        <translation>Last call logged</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Opkald fra {name} (Alt+{number})</source>
        <translation>Call from {name} (Alt+{number})</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Seneste opkald: {name}</source>
        <translation>Last call: {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seneste: {n} opkald fra {name}</source>
        <translation>Last: {n} calls from {name}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Opkald fra {name}</source>
        <translation>Call from {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vælg først den opringendes kommune (Alt+1–Alt+{last})</source>
        <translation>Choose the caller&apos;s municipality first (Alt+1–Alt+{last})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hvilken kommune ringer borgeren fra? (Alt+1–Alt+{last})</source>
        <translation>Which municipality is the citizen calling from? (Alt+1–Alt+{last})</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Uden for åbningstid ({hours})</source>
        <translation>Outside opening hours ({hours})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Åben {hours}</source>
        <translation>Open {hours}</translation>
    </message>
</context>
<context>
    <name>KeyFigures</name>
    <message>
        <location filename="../../ui/team/figures.py" line="+35"/>
        <source>Nøgletal</source>
        <translation>Key figures</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;{n}&lt;/b&gt; henvendelser</source>
        <translation>&lt;b&gt;{n}&lt;/b&gt; contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hjælp til selvbetjening &lt;b&gt;{s}&lt;/b&gt;</source>
        <translation>assisted self-service &lt;b&gt;{s}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ekspederet af medarbejder &lt;b&gt;{s}&lt;/b&gt;</source>
        <translation>handled by staff &lt;b&gt;{s}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>henvist videre &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>referred elsewhere &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>anslået kanalomkostning &lt;b&gt;{amount}&lt;/b&gt;</source>
        <translation>estimated channel cost &lt;b&gt;{amount}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ekspeditionstid: for få med tid ({timed} af {n})</source>
        <translation>handling time: too few timed ({timed} of {n})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ekspeditionstid gns. &lt;b&gt;{average}&lt;/b&gt;, median &lt;b&gt;{median}&lt;/b&gt; (af {timed} med tid)</source>
        <translation>handling time average &lt;b&gt;{average}&lt;/b&gt;, median &lt;b&gt;{median}&lt;/b&gt; (of {timed} timed)</translation>
    </message>
</context>
<context>
    <name>OutcomeBox</name>
    <message>
        <location filename="../../ui/counter/form_panels.py" line="+18"/>
        <source>Udfald</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Ekspederet</source>
        <translation>&amp;Handled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hjælp til selvbetjening</source>
        <translation>&amp;Assisted self-service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Henvist til &amp;selvbetjening</source>
        <translation>Referred to &amp;self-service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Henvist &amp;videre</source>
        <translation>Referred &amp;elsewhere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;ritaget</source>
        <translation>E&amp;xempted</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Udfald: {outcome}</source>
        <translation>Outcome: {outcome}</translation>
    </message>
</context>
<context>
    <name>QrWidget</name>
    <message>
        <location filename="../../ui/qr_widget.py" line="+18"/>
        <source>QR-kode</source>
        <translation>QR code</translation>
    </message>
</context>
<context>
    <name>RecentContactsModel</name>
    <message>
        <location filename="../../ui/recent_model.py" line="+41"/>
        <source>Kl.</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Område</source>
        <translation>Area</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Udfald</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medb.</source>
        <translation>Assist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kommune</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{text} (annulleret)</source>
        <translation>{text} (cancelled)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Ekspeditionstid {duration}</source>
        <translation>Handling time {duration}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annulleret kl. {time}</source>
        <translation>Cancelled at {time}</translation>
    </message>
</context>
<context>
    <name>RecentPanel</name>
    <message>
        <location filename="../../ui/counter/recent_panel.py" line="+87"/>
        <source>I dag ved denne skranke</source>
        <translation>Today at this desk</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dagens henvendelser, nyeste først</source>
        <translation>Today&apos;s contacts, newest first</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Fortryd seneste</source>
        <translation>Undo last</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fortryd seneste registrering</source>
        <translation>Undo the last contact logged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+19"/>
        <source>Annullér valgte</source>
        <translation>Cancel selected</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Annullér de valgte henvendelser</source>
        <translation>Cancel the selected contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Gem seneste som favorit</source>
        <translation>Save last as favourite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gem seneste henvendelse som favorit</source>
        <translation>Save the last contact as a favourite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+D – lægges på første ledige F-tast</source>
        <translation>Ctrl+D – goes on the first free F key</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/setup_dialog.py" line="+31"/>
        <source>Velkommen til Skranke</source>
        <translation>Welcome to Skranke</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;p&gt;Skranke tæller henvendelser ved borgerservice – aldrig hvem borgeren er.&lt;/p&gt;&lt;p&gt;Fortæl først, hvilken skranke og kommune denne pc hører til. Det gemmes på pc&apos;en, så du kun bliver spurgt én gang.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Skranke counts contacts at citizen service – never who the citizen is.&lt;/p&gt;&lt;p&gt;First, tell us which desk and municipality this computer belongs to. It is saved on the computer, so you are only asked once.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Skrankens navn</source>
        <translation>Desk name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fx Skranke 3 eller Telefon 1</source>
        <translation>e.g. Desk 3 or Phone 1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kommune</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Skriv navn eller kode, fx Albertslund eller 165</source>
        <translation>Type a name or code, e.g. Albertslund or 165</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Skrankens navn:</source>
        <translation>&amp;Desk name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kommune:</source>
        <translation>&amp;Municipality:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Gem og start</source>
        <translation>Save and start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Afslut</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Vælg kommunen på listen.</source>
        <translation>Choose the municipality from the list.</translation>
    </message>
</context>
<context>
    <name>SheetDialog</name>
    <message>
        <location filename="../../ui/sheet_dialog.py" line="+75"/>
        <source>Vejledning: {title}</source>
        <translation>Guidance sheet: {title}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Udgave</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A4 med stor skrift</source>
        <translation>A4 in large print</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bon (80 mm)</source>
        <translation>Slip (80 mm)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sprog</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dansk</source>
        <translation>Danish</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engelsk</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Udgave:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sprog:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Forhåndsvisning</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Udskriv</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter eller Ctrl+P</source>
        <translation>Enter or Ctrl+P</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vælg printer …</source>
        <translation>Choose printer …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gem som PDF …</source>
        <translation>Save as PDF …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Laver vejledningen …</source>
        <translation>Preparing the guidance sheet …</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Side {n}</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Printer: {name}</source>
        <translation>Printer: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ingen printer valgt endnu: &apos;Udskriv&apos; spørger hvilken.</source>
        <translation>No printer chosen yet: &apos;Print&apos; will ask which one.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Printeren er ikke husket: {reason}</source>
        <translation>The printer is not remembered: {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Udskriver …</source>
        <translation>Printing …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Udskrevet: {pages} side(r).</source>
        <translation>Printed: {pages} page(s).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fejl: {error}</source>
        <translation>Error: {error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Gem vejledning som PDF</source>
        <translation>Save guidance sheet as PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kunne ikke gemme {path}: {reason}</source>
        <translation>Could not save {path}: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gemt: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>SolutionPanel</name>
    <message>
        <location filename="../../ui/solution_panel.py" line="+48"/>
        <source>Søg selvbetjeningsløsning</source>
        <translation>Search for a self-service solution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Søg: skriv fx flyt, mitid, gult kort …</source>
        <translation>Search: type e.g. move, mitid, health card …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fundne løsninger</source>
        <translation>Solutions found</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Kopiér link</source>
        <translation>Copy link</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kopiér linket til udklipsholderen</source>
        <translation>Copy the link to the clipboard</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Åbn i browser</source>
        <translation>Open in browser</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Åbn linket i browseren</source>
        <translation>Open the link in the browser</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Udskriv vejledning</source>
        <translation>Print guidance sheet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Udskriv vejledning til borgeren</source>
        <translation>Print a guidance sheet for the citizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Ingen løsning vist. Skriv for at søge; Enter viser QR-koden.</source>
        <translation>No solution shown. Type to search; Enter shows the QR code.</translation>
    </message>
</context>
<context>
    <name>SolutionsHookup</name>
    <message>
        <location filename="../../ui/counter/solutions_hookup.py" line="+69"/>
        <source>QR-koden til {title} vises for borgeren.</source>
        <translation>The QR code for {title} is shown to the citizen.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Kataloget over selvbetjeningsløsninger har fejl; de berørte filer er sprunget over, og Skranke bruger resten (kontrollér med &apos;skranke catalog check&apos;):</source>
        <translation>The catalogue of self-service solutions has errors; the files affected have been skipped and Skranke uses the rest (check with &apos;skranke catalog check&apos;):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>… og {n} fejl mere.</source>
        <translation>… and {n} more errors.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Find først en løsning (skriv fx &apos;flyt&apos;); så kan dens vejledning udskrives.</source>
        <translation>First find a solution (type e.g. &apos;move&apos;); then its guidance sheet can be printed.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Vejledningen til {title} er udskrevet.</source>
        <translation>The guidance sheet for {title} has been printed.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{title} (udskrevet)</source>
        <translation>{title} (printed)</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <location filename="../../ui/counter/sync_status.py" line="+55"/>
        <source>Synkronisering</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+54"/>
        <source>Forbinder til den fælles database …</source>
        <translation>Connecting to the central database …</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Den fælles database: {server}</source>
        <translation>Central database: {server}</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>central_url skal være en PostgreSQL-adresse (postgresql+psycopg://…), ikke &apos;{driver}&apos;.</source>
        <translation>central_url must be a PostgreSQL address (postgresql+psycopg://…), not &apos;{driver}&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sendes ikke til den fælles database: {reason} Registreringer gemmes her.</source>
        <translation>Not sent to the central database: {reason} Contacts are saved on this PC.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{n} venter</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synkroniseret</source>
        <translation>Synchronised</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>den fælles database skal opgraderes af IT</source>
        <translation>IT must upgrade the central database</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>denne pc skal have den nye version af Skranke</source>
        <translation>this PC needs the new version of Skranke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat på pause: {why} ({waiting}; gemt her).</source>
        <translation>Paused: {why} ({waiting}; saved here).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline siden {time}: {why} ({waiting}; gemt her).</source>
        <translation>Offline since {time}: {why} ({waiting}; saved here).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>den fælles database afviser skrankens login – kontakt IT</source>
        <translation>the central database refuses this desk&apos;s login – contact IT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>skrankens login mangler en rettighed i den fælles database – kontakt IT</source>
        <translation>this desk&apos;s login lacks a privilege in the central database – contact IT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>den fælles database findes ikke på serveren – kontakt IT</source>
        <translation>the central database does not exist on the server – contact IT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>den fælles database svarer ikke</source>
        <translation>the central database does not answer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sidst sendt: {time}</source>
        <translation>Last sent: {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Intet sendt siden Skranke startede.</source>
        <translation>Nothing sent since Skranke started.</translation>
    </message>
</context>
<context>
    <name>TallyStrip</name>
    <message>
        <location filename="../../ui/counter/tally_strip.py" line="+34"/>
        <source>I dag: …</source>
        <translation>Today: …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dagens optælling</source>
        <translation>Today&apos;s count</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ledelsesinformation</source>
        <translation>Management information</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Åbn ledelsesinformation</source>
        <translation>Open management information</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tal, grafer og eksport (Ctrl+L)</source>
        <translation>Figures, charts and export (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>I dag: 1 henvendelse</source>
        <translation>Today: 1 contact</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I dag: {total} henvendelser</source>
        <translation>Today: {total} contacts</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hjælp til selvbetjening {share}</source>
        <translation>Assisted self-service {share}</translation>
    </message>
</context>
<context>
    <name>TeamView</name>
    <message>
        <location filename="../../ui/team_view.py" line="+157"/>
        <source>Ledelsesinformation</source>
        <translation>Management information</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Grafer</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skranker</source>
        <translation>Desks</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Tæller {label} …</source>
        <translation>Counting {label} …</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Periode: {label}</source>
        <translation>Period: {label}</translation>
    </message>
</context>
<context>
    <name>TilesAndFavourites</name>
    <message>
        <location filename="../../ui/counter/tiles_favourites.py" line="+45"/>
        <source>Rækkefølgen af sagsområderne kunne ikke gemmes: {reason}</source>
        <translation>The order of the areas could not be saved: {reason}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Sagsområderne stod allerede efter brug; ingen numre er ændret.</source>
        <translation>The areas were already in order of use; no number changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{area} er nu {key}</source>
        <translation>{area} is now {key}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> og {n} flere</source>
        <translation> and {n} more</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sorteret efter brug: {changes}.</source>
        <translation>Sorted by use: {changes}.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Registrér først en henvendelse; den kan så gemmes som favorit.</source>
        <translation>Log a contact first; it can then be saved as a favourite.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Alle F-taster er i brug. Højreklik en favorit for at fjerne den.</source>
        <translation>All F keys are in use. Right-click a favourite to remove it.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{label} er gemt på {key}.</source>
        <translation>{label} is saved on {key}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{key} er nu ledig.</source>
        <translation>{key} is now free.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Favoritten kunne ikke gemmes: {reason}</source>
        <translation>The favourite could not be saved: {reason}</translation>
    </message>
</context>
<context>
    <name>TilesPanel</name>
    <message>
        <location filename="../../ui/counter/tiles_panel.py" line="+45"/>
        <source>Sagsområde – klik eller tast nummeret for at registrere</source>
        <translation>Area – click or press the number to log a contact</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Åbner databasen …</source>
        <translation>Opening the database …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sortér efter brug</source>
        <translation>Sort by use</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sortér sagsområderne efter brug</source>
        <translation>Sort the areas by use</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Giv de mest brugte områder de laveste numre (de seneste 30 dage). Ellers beholder hvert område sit nummer.</source>
        <translation>Give the most used areas (last 30 days) the lowest numbers. Otherwise each area keeps its number.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Registrér {area} (tast {key})</source>
        <translation>Log {area} (key {key})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registrér {area}</source>
        <translation>Log {area}</translation>
    </message>
</context>
<context>
    <name>WhatIf</name>
    <message>
        <location filename="../../ui/team/figures.py" line="+18"/>
        <source>Andel der flyttes til selvbetjening</source>
        <translation>Share moved to self-service</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sagsområde for beregningen</source>
        <translation>Area for the calculation</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hvis</source>
        <translation>If</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>af de personlige sagsbehandlinger om</source>
        <translation>of the in-person case handling about</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>flyttes til selvbetjening:</source>
        <translation>moves to self-service:</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&lt;b&gt;ca. {amount} om året&lt;/b&gt; ({moved} af {yearly} om året, {saved} sparet pr. henvendelse; kanalpriser {year})</source>
        <translation>&lt;b&gt;about {amount} a year&lt;/b&gt; ({moved} of {yearly} a year, {saved} saved per contact; channel prices {year})</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../main.py" line="+408"/>
        <source>Skranke er blevet opdateret – genstart Skranke.

Dine registreringer er gemt.</source>
        <translation>Skranke has been updated – restart Skranke.

Your contacts are saved.</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../ui/messages.py" line="+54"/>
        <source>er ikke gyldig TOML: {detail}</source>
        <translation>is not valid TOML: {detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mangler</source>
        <translation>is missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>har forkert type (skal være {detail})</source>
        <translation>has the wrong type (must be {detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>er tom</source>
        <translation>is empty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gentager id&apos;et &apos;{detail}&apos;, som allerede er brugt</source>
        <translation>repeats the id &apos;{detail}&apos;, which is already in use</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>henviser til &apos;{detail}&apos;, som ikke findes</source>
        <translation>refers to &apos;{detail}&apos;, which does not exist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>er ikke tilladt her</source>
        <translation>is not allowed here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>er ugyldig (tilladt: {detail})</source>
        <translation>is invalid (allowed: {detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>filen findes ikke</source>
        <translation>the file does not exist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>filen kan ikke læses ({detail})</source>
        <translation>the file cannot be read ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>filen er ikke gemt som UTF-8</source>
        <translation>the file is not saved as UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skal være et https-link, ikke &apos;{detail}&apos;</source>
        <translation>must be an https link, not &apos;{detail}&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>er ikke en dato som 2026-11-22: &apos;{detail}&apos;</source>
        <translation>is not a date like 2026-11-22: &apos;{detail}&apos;</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>et heltal, fx 5000</source>
        <translation>a whole number, e.g. 5000</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>en tekst i anførselstegn, fx &quot;Skranke 1&quot;</source>
        <translation>a text in quotes, e.g. &quot;Desk 1&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>true eller false</source>
        <translation>true or false</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>en liste af tekster, fx [&quot;pass&quot;, &quot;mitid&quot;]</source>
        <translation>a list of texts, e.g. [&quot;pass&quot;, &quot;mitid&quot;]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>en liste af id&apos;er, fx [&quot;moving&quot;]</source>
        <translation>a list of ids, e.g. [&quot;moving&quot;]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>kanal</source>
        <translation>channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sagsområde</source>
        <translation>area</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>henvendelsestype</source>
        <translation>type of contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>udfald</source>
        <translation>outcome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>parathed</source>
        <translation>digital readiness</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>henvendertype</source>
        <translation>type of requester</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>antal</source>
        <translation>count</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ekspeditionstid</source>
        <translation>handling time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skrankens navn</source>
        <translation>desk name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tidspunkt</source>
        <translation>time</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>er ugyldig ({detail})</source>
        <translation>is invalid ({detail})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ordlisten (sagsområder, kanaler, udfald) i {path} har fejl:</source>
        <translation>The vocabulary (areas, channels, outcomes) in {path} has errors:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Databaseadressen {where} begynder med &apos;postgres://&apos;. Skriv &apos;postgresql://&apos; i stedet (fx postgresql://bruger@server/skranke).</source>
        <translation>The database address {where} starts with &apos;postgres://&apos;. Write &apos;postgresql://&apos; instead (e.g. postgresql://user@server/skranke).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Databaseadressen {where} bruger databasetypen &apos;{detail}&apos;, som Skranke ikke kender. Brug en sti til en SQLite-fil eller postgresql://…</source>
        <translation>The database address {where} uses the database type &apos;{detail}&apos;, which Skranke does not know. Use a path to a SQLite file or postgresql://…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Databaseadressen {where} kræver databasedriveren &apos;{detail}&apos;, som ikke er installeret på denne pc. Bed IT installere den (fx pip install {detail}).</source>
        <translation>The database address {where} needs the database driver &apos;{detail}&apos;, which is not installed on this PC. Ask IT to install it (e.g. pip install {detail}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Databaseadressen {where} kan ikke læses. Skriv en sti til en SQLite-fil eller en adresse som postgresql://bruger@server/skranke.</source>
        <translation>The database address {where} cannot be read. Write a path to a SQLite file or an address like postgresql://user@server/skranke.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Databasen {where} er låst af et andet program. Luk det andet program (eller en anden Skranke på samme fil) og prøv igen.</source>
        <translation>The database {where} is locked by another program. Close the other program (or another Skranke using the same file) and try again.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Disken med databasen {where} er fuld, så ændringen er ikke gemt. Frigør plads på disken (eller bed IT om det) og prøv igen.</source>
        <translation>The disk holding the database {where} is full, so the change was not saved. Free some space on the disk (or ask IT to) and try again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Databasen {where} kunne ikke læses eller skrives: disken eller netværksdrevet svigtede. Prøv igen; sker det igen, så bed IT se på disken.</source>
        <translation>The database {where} could not be read or written: the disk or network drive failed. Try again; if it happens again, ask IT to look at the disk.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Databasen {where} afviste ændringen, fordi den bryder en af databasens regler (fx en henvendelse, der allerede er gemt). Intet er ændret.</source>
        <translation>The database {where} refused the change because it breaks one of the database&apos;s rules (e.g. a contact that is already stored). Nothing was changed.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Databasen {where} kan ikke åbnes. Tjek at filen og dens mappe findes, og at du må læse i dem.</source>
        <translation>The database {where} cannot be opened. Check that the file and its folder exist and that you may read them.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Perioden er {days} dage; {label} skriver højst {maximum} dage (en fane pr. uge). Vælg en kortere periode.</source>
        <translation>The period is {days} days; {label} writes at most {maximum} days (a sheet per week). Choose a shorter period.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} ender ikke på {suffixes}: {label} skrives i en mappe (et navn uden endelse) eller i en {suffixes}-fil. Intet er skrevet.</source>
        <translation>{name} does not end in {suffixes}: {label} is written to a folder (a name without a suffix) or to a {suffixes} file. Nothing was written.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} ender ikke på {suffixes}, men {label} skriver en {suffixes}-fil. Giv filen den endelse (fx {example}). Intet er skrevet.</source>
        <translation>{name} does not end in {suffixes}, but {label} writes a {suffixes} file. Give the file that suffix (e.g. {example}). Nothing was written.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{at_counter} af de {contacts} henvendelser i perioden er fremmøde ved en skranke, ikke opkald til hotlinen: hotline-eksporten ville fakturere dem som opkald. Eksportér fra hotline-skrankens database, eller sæt hotline_desk i indstillingerne til hotline-skrankens navn.</source>
        <translation>{at_counter} of the {contacts} contacts in the period are in-person visits at a desk, not calls to the hotline: the hotline export would bill them as calls. Export from the hotline desk&apos;s database, or set hotline_desk in the settings to the hotline desk&apos;s name.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Perioden {first} – {last} ligger uden for de dage, Skranke tæller: fra {earliest} til {latest}.</source>
        <translation>The period {first} – {last} lies outside the days Skranke counts: from {earliest} to {latest}.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Noten ligner et CPR-nummer og er ikke gemt. Skranke må aldrig gemme personnumre, navne eller adresser. Ret noten, eller slet den.</source>
        <translation>The note looks like a CPR number and has not been saved. Skranke must never store CPR numbers, names or addresses. Correct the note or delete it.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Eksporten blev annulleret; der er ikke gemt noget.</source>
        <translation>The export was cancelled; nothing has been saved.</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>Indstillingsfilen {path} har fejl:</source>
        <translation>The settings file {path} has errors:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Datafilen {path} har fejl:</source>
        <translation>The data file {path} has errors:</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Databasen {where} er skrivebeskyttet, så Skranke kan ikke gemme i den. Bed IT om skriveadgang til filen og dens mappe.</source>
        <translation>The database {where} is read-only, so Skranke cannot save to it. Ask IT for write access to the file and its folder.</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>Uventet fejl: {error}</source>
        <translation>Unexpected error: {error}</translation>
    </message>
    <message>
        <location line="-176"/>
        <source>Filen {where} er ikke en Skranke-database (eller den er beskadiget). Skranke har ikke ændret den. Vælg en anden fil med --database.</source>
        <translation>The file {where} is not a Skranke database (or it is damaged). Skranke has not changed it. Choose another file with --database.</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Noten er {length} tegn lang; den må højst være {maximum} tegn.</source>
        <translation>The note is {length} characters long; it may be at most {maximum} characters.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kan ikke skrive {path}: {detail}. Vælg en mappe, du må skrive i.</source>
        <translation>Cannot write {path}: {detail}. Choose a folder you are allowed to write to.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Perioden slutter før den begynder: {first} – {last}.</source>
        <translation>The period ends before it begins: {first} – {last}.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Printeren &apos;{printer}&apos; kunne ikke startes. Tjek at den er tændt og har papir, eller vælg en anden printer.</source>
        <translation>The printer &apos;{printer}&apos; could not be started. Check that it is switched on and has paper, or choose another printer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Indstillingerne kunne ikke gemmes i {path}: {detail}. Ændringen gælder ikke; bed IT om skriveadgang til mappen.</source>
        <translation>The settings could not be saved in {path}: {detail}. The change does not apply; ask IT for write access to the folder.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kommunekoden &apos;{code}&apos; findes ikke. Brug en af de 98 kommuners tre-cifrede koder, fx 165 for Albertslund.</source>
        <translation>The municipality code &apos;{code}&apos; does not exist. Use one of the three-digit codes of the 98 municipalities, e.g. 165 for Albertslund.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ukendt eller ugyldig {field}: &apos;{value}&apos;.</source>
        <translation>Unknown or invalid {field}: &apos;{value}&apos;.</translation>
    </message>
    <message>
        <location line="-240"/>
        <source>linje {line}</source>
        <translation>line {line}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>felt &apos;{field}&apos;</source>
        <translation>field &apos;{field}&apos;</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Databasen {where} er skrevet af en nyere version af Skranke (skema {revision}). Skranke har ikke ændret den. Opdater Skranke på denne pc.</source>
        <translation>The database {where} was written by a newer version of Skranke (schema {revision}). Skranke has not changed it. Update Skranke on this computer.</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>Skrankens navn skal være 1-{maximum} tegn (og ikke et CPR-nummer).</source>
        <translation>The desk name must be 1-{maximum} characters (and not a CPR number).</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>Henvendelsen {detail} findes ikke i databasen {where}.</source>
        <translation>The contact {detail} does not exist in the database {where}.</translation>
    </message>
</context>
<context>
    <name>team</name>
    <message>
        <location filename="../../ui/cli/team.py" line="+72"/>
        <source>Skranke – ledelsesinformation</source>
        <translation>Skranke – management information</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Databasen {where} har skema {theirs}, men denne Skranke bruger skema {ours}. Ledelsesinformationen ændrer ikke databasen: bed IT om at køre &apos;skranke central upgrade&apos; først.</source>
        <translation>The database {where} has schema {theirs}, but this Skranke uses schema {ours}. The management view does not change the database: ask IT to run &apos;skranke central upgrade&apos; first.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Databasen {where} har skema {theirs}, som er nyere end denne Skranke (skema {ours}). Opdater Skranke på denne pc.</source>
        <translation>The database {where} has schema {theirs}, which is newer than this Skranke (schema {ours}). Update Skranke on this PC.</translation>
    </message>
</context>
</TS>
