import type { Site } from '../http/env.js';

/**
 * The texts the pages show until an admin saves their own: a sensible start for a district office.
 * The office's details are {{placeholders}} filled from the settings on every request (./fields.ts);
 * what only the office knows otherwise is left in [[double brackets]], which admins see marked and the
 * public as a neutral sentence (see ./markup.ts). What the texts say about the hub itself (cookies,
 * consent, exports, audit log) is what the code does; keep both in step.
 */
export interface DefaultTextContext extends Site {
  /** RETENTION_MONTHS (src/privacy/retention.ts): the notice names the period the hub really applies. */
  retentionMonths: number;
}

export function defaultPrivacyNotice(site: DefaultTextContext): string {
  const period = site.retentionMonths === 1 ? '1 Monat' : `${site.retentionMonths} Monate`;
  return `Diese Datenschutzerklärung informiert Sie nach Art. 13 und 14 der Datenschutz-Grundverordnung (DSGVO) darüber, welche personenbezogenen Daten im Arbeitskreis-Hub für den {{district}} verarbeitet werden, wozu, und welche Rechte Sie haben.

## Verantwortliche Stelle

{{district}}
{{office}}
{{address}}
Telefon: {{phone}}
E-Mail: {{email}}

## Behördliche Datenschutzbeauftragte oder behördlicher Datenschutzbeauftragter

{{dpo}}

## Wozu der Hub dient

Der Arbeitskreis-Hub ist das Arbeitsmittel der Geschäftsstelle für die Arbeitskreise Integration: Mitglieder, Sitzungen, Tagesordnungen, Protokolle und Termine. Dazu gehört ein öffentliches Verzeichnis der Akteure der Integrationsarbeit.

## Öffentliches Akteursverzeichnis

Im Verzeichnis stehen Angaben zu Organisationen: Name, Art, Anschrift, Kontaktwege, Angebote und Sprachen. Personen werden dort nur mit ihrer Einwilligung als Ansprechperson genannt (Art. 6 Abs. 1 Buchst. a DSGVO), mit Name und, soweit angegeben, Funktion, E-Mail-Adresse und Telefonnummer. Wann und wie (schriftlich, per E-Mail, mündlich oder über das Meldeformular) die Einwilligung gegeben wurde, wird festgehalten.

Sie können Ihre Einwilligung jederzeit ohne Angabe von Gründen mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3 DSGVO): über den Link in der E-Mail, die Sie zu Ihrer Einwilligung erhalten haben, oder formlos bei der Geschäftsstelle. Sie erscheinen dann sofort nicht mehr im Verzeichnis und in seiner Suche. Die Exporte des Verzeichnisses (Liste als CSV-Datei, Visitenkarte) enthalten keine Ansprechpersonen.

Wer eine Organisation über das Formular meldet, gibt Name und E-Mail-Adresse an; die Geschäftsstelle nutzt sie für Rückfragen und die Bestätigung des Eintrags. Einmal im Jahr bitten wir die Organisationen, ihren Eintrag zu bestätigen oder zu korrigieren.

## Arbeitskreise und Benutzerkonten

Für die Arbeit der Arbeitskreise verarbeiten wir von den Mitgliedern Name, dienstliche Kontaktdaten, Organisation, Funktion, Mitgliedschaften, Antworten auf Einladungen, Anwesenheit sowie Beiträge zu Protokollen. Rechtsgrundlage ist Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit dem Landesrecht. [[Bitte prüfen: Rechtsgrundlage nach Landesrecht, z. B. § 3 Datenschutzgesetz NRW und das Teilhabe- und Integrationsgesetz NRW]]

Für die Anmeldung speichern wir Ihre E-Mail-Adresse, Ihr Passwort nur als Argon2id-Hashwert (nie das Passwort selbst) und Ihre Anmeldesitzungen.

## Cookies

Der Hub setzt nur technisch notwendige Cookies (§ 25 Abs. 2 Nr. 2 TDDDG): eines für die Anmeldung (bis zur Abmeldung, spätestens nach 10 Tagen ohne Nutzung), eines für die gewählte Sprache und eines für kurze Hinweise nach dem Speichern. Es gibt keine Analyse- oder Werbe-Cookies und keine Inhalte von Dritten: alle Dateien kommen von diesem Server.

## Server-Protokolle

Beim Aufruf einer Seite verarbeitet der Server technisch notwendige Daten (unter anderem IP-Adresse, Zeitpunkt und aufgerufene Adresse), um den Dienst sicher zu betreiben und Missbrauch, etwa massenhafte Meldungen, abzuwehren. [[Bitte ergänzen: Speicherdauer der Server-Protokolle]]

## E-Mails

Der Hub versendet E-Mails (Einladungen, Protokolle, Erinnerungen, Bestätigungen) über einen Mailserver. [[Bitte ergänzen: Mailserver oder Dienstleister]]

## Änderungsprotokoll

Änderungen im Hub werden mit Zeitpunkt und handelnder Person protokolliert, damit die Geschäftsstelle nachweisen kann, wer was geändert hat (Rechenschaftspflicht, Art. 5 Abs. 2 DSGVO).

## Betrieb und Empfänger

Daten werden nicht in Länder außerhalb der Europäischen Union übermittelt. [[Bitte ergänzen: Betrieb und Hosting, z. B. eigenes Rechenzentrum oder Auftragsverarbeiter nach Art. 28 DSGVO]]

## Speicherdauer

Wer zu einer Sitzung eingeladen war, wer wie geantwortet hat und wer anwesend war, löscht der Hub ${period} nach der Sitzung; er behält davon nur die Zahlen (anwesend, entschuldigt, abwesend, Gäste), etwa für die Beschlussfähigkeit. Zur selben Zeit verlieren die Einträge im Änderungsprotokoll diese Listen. Die E-Mails, die der Hub versendet hat (darunter die Einladungen), löscht er ${period} nach dem Versand.

Anmeldesitzungen enden spätestens 10 Tage nach der letzten Nutzung.

Ansprechpersonen im Akteursverzeichnis werden nur gezeigt, solange ihre Einwilligung besteht. Mit dem Link in der E-Mail zu ihrer Einwilligung können sie sie jederzeit widerrufen; sie erscheinen dann sofort nicht mehr.

[[Bitte ergänzen: weitere Lösch- und Aufbewahrungsfristen, z. B. Benutzerkonten bis zum Ende der Mitwirkung, Protokolle nach den Aufbewahrungsfristen der Verwaltung]]

## Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21 DSGVO). Eine Einwilligung können Sie jederzeit widerrufen. Wenden Sie sich dazu an die Geschäftsstelle oder an die Datenschutzbeauftragte oder den Datenschutzbeauftragten.

Sie können sich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren. [[Bitte prüfen: zuständige Aufsichtsbehörde, in Nordrhein-Westfalen die Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen, Kavalleriestraße 2–4, 40213 Düsseldorf]]
`;
}

export function defaultImprint(_site: Site): string {
  return `Angaben nach § 5 Digitale-Dienste-Gesetz (DDG)

## Anbieter

{{district}}
[[Bitte ergänzen: Rechtsform, z. B. Körperschaft des öffentlichen Rechts]]
{{address}}

Vertreten durch: [[Bitte ergänzen: Landrätin oder Landrat, Name]]

## Kontakt

{{office}}
Telefon: {{phone}}
E-Mail: {{email}}

## Umsatzsteuer-Identifikationsnummer

[[Bitte ergänzen: Umsatzsteuer-Identifikationsnummer nach § 27a UStG, falls vorhanden; sonst diesen Abschnitt löschen]]

## Aufsichtsbehörde

[[Bitte ergänzen: zuständige Aufsichtsbehörde, z. B. die Bezirksregierung]]

## Verantwortlich für den Inhalt nach § 18 Abs. 2 Medienstaatsvertrag

[[Bitte ergänzen: Name und Anschrift]]

## Einträge im Akteursverzeichnis

Die Angaben im Akteursverzeichnis stammen von den Organisationen selbst. Die Geschäftsstelle prüft sie vor der Veröffentlichung, kann für ihre Richtigkeit aber keine Gewähr übernehmen. Hinweise auf Fehler nehmen wir gern entgegen.

## Verweise auf andere Websites

Für die Inhalte verlinkter Websites sind ausschließlich deren Anbieter verantwortlich.
`;
}
