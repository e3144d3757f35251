import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, SECRETS, VISITORS, type Fixture, type VisitorKind } from './fixture.js';
import { fillPath, registeredRoutes } from './routes.js';
import { cspProblems, headerProblems, leaks } from './scan.js';

/*
 * Who may use which route: every route the app registers × every kind of visitor, on one fixture
 * (test/security/fixture.ts), each request rolled back afterwards so that every cell meets the same data.
 *
 * Columns
 *   pub   no session                         out  member of another (external) group only
 *   mem   member of the internal group       org  its organiser (group role)
 *   sek   secretariat                        adm  admin
 *   off   deactivated account, old session cookie
 *   feed  (only /feeds rows, optional column) no cookie; the URL holds another person's feed token
 * Cells: the expected status; `login` = 303 to /login?next=… (sign in first).
 * POSTs send an empty form from this site (so CSRF passes): 422 means "allowed, but the empty form is
 * refused"; 303/200 "allowed and done". Path parameters are filled with the fixture's ids (PARAMS).
 *
 * Adding a route: one line below, `METHOD /path` as registered with the {patterns} left out.
 */
const MATRIX = `
#    route                                                   pub    out    mem    org    sek    adm    off   feed
GET  /healthz                                                200    200    200    200    200    200    200
GET  /feeds/:file                                            200    200    200    200    200    200    200    200  # the secret URL is the credential; cookies play no part
GET  /                                                       200    200    200    200    200    200    200
POST /language                                               303    303    303    303    303    303    303
GET  /setup                                                  404    404    404    404    404    404    404         # gone once an account exists
POST /setup                                                  404    404    404    404    404    404    404
GET  /login                                                  200    303    303    303    303    303    200         # signed in: on to the start page
POST /login                                                  422    422    422    422    422    422    422
POST /logout                                                 303    303    303    303    303    303    303
POST /sessions/end-others                                    401    303    303    303    303    303    401
POST /admin/users/:id/sessions/end                           401    403    403    403    403    303    401
GET  /password/reset                                         200    200    200    200    200    200    200
POST /password/reset                                         422    422    422    422    422    422    422
GET  /password/reset/:token                                  200    200    200    200    200    200    200         # one-time links: the token is the credential
POST /password/reset/:token                                  422    422    422    422    422    422    422
GET  /invite/:token                                          200    200    200    200    200    200    200
POST /invite/:token                                          422    422    422    422    422    422    422
GET  /email-change/:token                                    200    200    200    200    200    200    200         # a change of the member's login address: the link is the credential
POST /email-change/:token                                    422    422    422    422    422    422    422         # no decision given
GET  /join/:token                                            200    200    200    200    200    200    200         # a group invitation: the link is the credential; opening it changes nothing
POST /join/:token                                            400    400    400    400    400    400    400         # no answer given
GET  /rsvp/:token                                            200    200    200    200    200    200    200
POST /rsvp/:token                                            422    422    422    422    422    422    422
GET  /rsvp/:token/meeting.ics                                200    200    200    200    200    200    200         # the reply link is the credential (the person may not be signed in)
GET  /admin                                                login    403    403    403    200    200  login
GET  /admin/users                                          login    403    403    403    403    200  login
GET  /admin/outbox                                         login    403    403    403    403    200  login         # mails hold sign-in links: admins only
GET  /admin/outbox/:id                                     login    403    403    403    403    200  login
GET  /admin/audit                                          login    403    403    403    403    200  login         # everyone's personal data: admins only
GET  /groups                                                 200    200    200    200    200    200    200         # lists only the groups the viewer may see
GET  /groups/new                                           login    403    403    403    200    200  login
POST /groups                                                 401    403    403    403    422    422    401
GET  /groups/:slug                                         login    404    200    200    200    200  login         # an internal group does not exist for outsiders
GET  /groups/:slug/edit                                    login    404    403    403    200    200  login
POST /groups/:slug                                           401    403    403    403    422    422    401         # 403 before the group is looked up: tells nothing
POST /groups/:slug/archive                                   401    403    403    403    303    303    401
POST /groups/:slug/restore                                   401    403    403    403    303    303    401
GET  /groups/:slug/members                                 login    404    200    200    200    200  login
GET  /groups/:slug/minutes                                 login    404    200    200    200    200  login         # the minutes archive: who may read the group's minutes
GET  /groups/:slug/members.csv                             login    404    200    200    200    200  login
POST /groups/:slug/members                                   401    404    403    422    422    422    401
POST /groups/:slug/members/:membership/end                   401    404    403    303    303    303    401
POST /groups/:slug/members/:membership/representation        401    404    403    403    400    400    401         # staff only; no "confirm" given
GET  /groups/:slug/members/import                          login    404    403    200    200    200  login
POST /groups/:slug/members/import                            401    404    403    422    422    422    401
POST /groups/:slug/members/import/confirm                    401    404    403    422    422    422    401
GET  /groups/:slug/meetings/new                            login    404    403    200    200    200  login
POST /groups/:slug/meetings                                  401    404    403    422    422    422    401
GET  /groups/:slug/meetings/series                         login    404    403    200    200    200  login
POST /groups/:slug/meetings/series                           401    404    403    422    422    422    401
GET  /meetings/:id                                         login    404    200    200    200    200  login
GET  /meetings/:ics                                        login    404    200    200    200    200  login
GET  /meetings/:id/invitation.pdf                          login    404    200    200    200    200  login         # the same rights as the meeting page
GET  /meetings/:id/minutes.pdf                             login    404    200    200    200    200  login         # the same rights as the minutes page
GET  /meetings/:id/attendance.pdf                          login    404    403    200    200    200  login         # the sign-in sheet: those who manage the meeting
GET  /meetings/:id/edit                                    login    404    403    200    200    200  login
POST /meetings/:id/edit                                      401    404    403    422    422    422    401
POST /meetings/:id/cancel                                    401    404    403    422    422    422    401
GET  /meetings/:id/invite                                  login    404    403    200    200    200  login         # the send page: note, deadline, attachments
POST /meetings/:id/invite/preview                            401    404    403    200    200    200    401         # an empty form is a valid one: the preview
POST /meetings/:id/invite                                    401    404    403    303    303    303    401         # everyone is invited already: "nobody new"
POST /meetings/:id/notify                                    401    404    403    303    303    303    401
POST /meetings/:id/remind                                    401    404    403    303    303    303    401
GET  /meetings/:id/replies                                 login    404    403    303    303    303  login         # a browser (not htmx) is sent to the meeting page
POST /meetings/:id/rsvp                                      401    404    422    422    422    422    401
GET  /meetings/:id/attendance                              login    404    403    200    200    200  login
GET  /meetings/:id/attendance/print                        login    404    403    200    200    200  login
POST /meetings/:id/attendance                                401    404    403    303    303    303    401
POST /meetings/:id/attendance/accepted                       401    404    403    303    303    303    401
POST /meetings/:id/attendance/guests                         401    404    403    422    422    422    401
POST /meetings/:id/attendance/guests/:guest/delete           401    404    403    303    303    303    401
POST /meetings/:id/files                                     401    404    403    422    422    422    401
POST /meetings/:id/files/notify                              401    404    403    303    303    303    401
GET  /files/:file                                          login    404    200    200    200    200  login
POST /files/:file/delete                                     401    404    403    303    303    303    401
GET  /meetings/:id/agenda                                  login    404    403    200    200    200  login
POST /meetings/:id/agenda                                    401    404    403    422    422    422    401
POST /meetings/:id/agenda/:item                              401    404    403    422    422    422    401
POST /meetings/:id/agenda/from-action/:action                401    404    403    303    303    303    401
POST /meetings/:id/agenda/:item/move                         401    404    403    400    400    400    401         # no direction given
POST /meetings/:id/agenda/:item/delete                       401    404    403    303    303    303    401
GET  /meetings/:id/minutes                                 login    404    200    200    200    200  login
GET  /meetings/:id/minutes/versions/:version               login    404    200    200    200    200  login
GET  /meetings/:id/minutes/versions/:version/compare       login    404    200    200    200    200  login
GET  /meetings/:id/minutes.md                              login    404    200    200    200    200  login
POST /meetings/:id/minutes                                   401    404    403    422    422    422    401
GET  /meetings/:id/minutes/correction                      login    404    403    303    303    303  login         # only approved minutes are corrected
POST /meetings/:id/minutes/correction                        401    404    403    422    422    422    401
POST /meetings/:id/minutes/comments                          401    404    400    400    400    400    401         # no agenda item named
POST /meetings/:id/minutes/comments/:comment/resolve         401    404    403    404    404    404    401         # no such comment
POST /meetings/:id/minutes/autosave                          401    404    403    422    422    422    401
POST /meetings/:id/minutes/circulate                         401    404    403    404    404    404    401         # circulated already
POST /meetings/:id/minutes/revise                            401    404    403    303    303    303    401
POST /meetings/:id/minutes/approve                           401    404    403    303    303    303    401
GET  /minutes/search                                       login    200    200    200    200    200  login         # hits only from minutes the viewer may read
GET  /actions                                              login    200    200    200    200    200  login
POST /actions/:item/done                                     401    404    303    303    303    303    401         # the responsible member, the organiser, the staff
GET  /calendar                                               200    200    200    200    200    200    200
GET  /calendar/feeds                                       login    200    200    200    200    200  login
POST /calendar/feeds                                         401    422    422    422    422    422    401
POST /calendar/feeds/:id/rotate                              401    404    200    404    404    404    401         # only the owner's own feed URLs, even for admins
POST /calendar/feeds/:id/revoke                              401    404    303    404    404    404    401
GET  /people                                               login    403    403    403    200    200  login
GET  /people/new                                           login    403    403    403    200    200  login
POST /people                                                 401    403    403    403    422    422    401
GET  /people/:id                                           login    403    403    403    200    200  login
POST /people/:id                                             401    403    403    403    422    422    401
POST /people/:id/invite                                      401    403    403    403    400    400    401         # no role given
POST /people/:id/deactivate                                  401    403    403    403    303    303    401
POST /people/:id/activate                                    401    403    403    403    303    303    401
POST /people/:id/withdraw-consent                            401    403    403    403    303    303    401
POST /people/:id/email-change/cancel                         401    403    403    403    303    303    401
POST /people/:id/role                                        401    403    403    403    403    400    401         # roles are the admin's
GET  /people/:id/data                                       login    403    403    403    200    200  login         # a written request (Art. 15 DSGVO) answered by the staff
GET  /people/:id/data.json                                  login    403    403    403    200    200  login
GET  /people/:id/anonymise                                  login    403    403    403    200    200  login
POST /people/:id/anonymise                                    401    403    403    403    422    422    401         # not confirmed
GET  /profile                                              login    200    200    200    200    200  login
POST /profile                                                401    422    422    422    422    422    401
POST /profile/password                                       401    422    422    422    422    422    401
GET  /profile/data                                         login    200    200    200    200    200  login         # one's own data only
GET  /profile/data.json                                    login    200    200    200    200    200  login
GET  /directory                                              200    200    200    200    200    200    200
GET  /directory.csv                                          200    200    200    200    200    200    200
GET  /directory/overview                                     200    200    200    200    200    200    200
GET  /directory/new                                          200    200    200    200    200    200    200
POST /directory/new                                          422    422    422    422    422    422    422
GET  /directory/:id                                          200    200    200    200    200    200    200
GET  /directory/:vcf                                         200    200    200    200    200    200    200
GET  /directory/:id/edit                                   login    403    403    403    200    200  login         # staff, or whoever represents the organisation
POST /directory/:id/edit                                     401    403    403    403    422    422    401
GET  /directory/confirm/:token                               200    200    200    200    200    200    200
POST /directory/confirm/:token                               303    303    303    303    303    303    303
POST /directory/confirm/:token/correct                       422    422    422    422    422    422    422
POST /directory/confirm/:token/contacts/:person/withdraw     303    303    303    303    303    303    303         # the organisation's confirmation link is the credential
POST /directory/confirm/:token/representations/:membership/:decision 303 303 303 303 303 303 303         # the confirmation link again; a second decision changes nothing
GET  /directory/withdraw/:token                              200    200    200    200    200    200    200         # the contact's own link; opening it changes nothing
POST /directory/withdraw/:token                              303    303    303    303    303    303    303
GET  /admin/directory                                      login    403    403    403    200    200  login
GET  /admin/directory/import                               login    403    403    403    200    200  login
POST /admin/directory/import                                 401    403    403    403    422    422    401
POST /admin/directory/import/confirm                         401    403    403    403    422    422    401
GET  /admin/directory/:id                                  login    403    403    403    200    200  login
POST /admin/directory/:id                                    401    403    403    403    422    422    401
POST /admin/directory/:id/publish                            401    403    403    403    303    303    401
POST /admin/directory/:id/reject                             401    403    403    403    422    422    401
GET  /admin/directory/:id/contacts                         login    403    403    403    200    200  login
POST /admin/directory/:id/contacts                           401    403    403    403    422    422    401
POST /admin/directory/:id/contacts/:person/consent           401    403    403    403    422    422    401
POST /admin/directory/:id/contacts/:person/withdraw          401    403    403    403    303    303    401
POST /admin/directory/changes/:change/:decision              401    403    403    403    303    303    401
GET  /datenschutz                                            200    200    200    200    200    200    200
GET  /impressum                                              200    200    200    200    200    200    200
GET  /admin/texts                                          login    403    403    403    403    200  login         # the legal texts are the admins'
GET  /admin/texts/:slug                                    login    403    403    403    403    200  login
POST /admin/texts/:slug                                      401    403    403    403    403    422    401
POST /admin/texts/:slug/reset                                401    403    403    403    403    303    401
GET  /admin/settings                                       login    403    403    403    403    200  login         # the office's settings are the admins'
POST /admin/settings                                         401    403    403    403    403    422    401
POST /admin/settings/logo                                    401    403    403    403    403    422    401         # no file: refused
POST /admin/settings/logo/delete                             401    403    403    403    403    303    401
GET  /logo                                                   404    404    404    404    404    404    404         # public once uploaded; the fixture has none
GET  /admin/breaks                                         login    403    403    403    200    200  login         # the district's holidays and breaks: the staff
POST /admin/breaks                                           401    403    403    403    422    422    401
POST /admin/breaks/:break/delete                             401    403    403    403    303    303    401
GET  /groups/:slug/breaks                                  login    404    403    200    200    200  login         # a group's breaks: those who manage it
POST /groups/:slug/breaks                                    401    404    403    422    422    422    401
POST /groups/:slug/breaks/:break/delete                      401    404    403    303    303    303    401
GET  /groups/:slug/polls                                   login    404    200    200    200    200  login         # date polls: the group's members and the staff
GET  /groups/:slug/polls/new                               login    404    403    200    200    200  login
POST /groups/:slug/polls                                     401    404    403    422    422    422    401
GET  /polls/:id                                            login    404    200    200    200    200  login         # the table names members and when they can: members and staff only
POST /polls/:id/answers                                      401    404    422    422    403    403    401         # current members answer for themselves; staff who are no members do not
POST /polls/:id/fix                                          401    404    403    422    422    422    401         # no date chosen
POST /polls/:id/close                                        401    404    403    303    303    303    401
GET  /poll/:token                                            200    200    200    200    200    200    200         # the poll link is the credential; opening it changes nothing
POST /poll/:token                                            422    422    422    422    422    422    422         # no answer given
GET  /admin/lists                                          login    403    403    403    403    200  login         # the reference lists are the admins' (src/reference/access.ts)
GET  /admin/lists/:list                                    login    403    403    403    403    200  login
POST /admin/lists/:list                                      401    403    403    403    403    422    401         # no German name given
GET  /admin/lists/:list/:entry                             login    403    403    403    403    200  login
POST /admin/lists/:list/:entry                               401    403    403    403    403    422    401
POST /admin/lists/:list/:entry/retire                        401    403    403    403    403    303    401
POST /admin/lists/:list/:entry/restore                       401    403    403    403    403    303    401         # already active: nothing to do
POST /admin/lists/:list/:entry/merge                         401    403    403    403    403    422    401         # no target chosen
GET  /cities                                                 200    200    200    200    200    200    200         # city pages (issue #17): public
GET  /cities/:slug                                           200    200    200    200    200    200    200         # the internal group's members show only to its members and the staff (leak check below)
GET  /cities/:slug/edit                                    login    403    403    403    200    200  login         # council data: the staff
POST /cities/:slug/edit                                      401    403    403    403    303    303    401         # an empty form clears the council data
GET  /admin/cities                                         login    403    403    403    403    200  login         # the city list: admins
POST /admin/cities                                           401    403    403    403    403    422    401
GET  /admin/cities/:id                                     login    403    403    403    403    200  login
POST /admin/cities/:id                                       401    403    403    403    403    422    401
POST /admin/cities/:id/retire                                401    403    403    403    403    303    401         # the fixture uses Hilden nowhere: retired at once (in use: 409, test/cities.test.ts)
POST /admin/cities/:id/restore                               401    403    403    403    403    404    401         # nothing to restore: the city is not retired
GET  /contact                                                200    200    200    200    200    200    200         # the office's contacts: public
POST /contact                                                422    422    422    422    422    422    422         # the contact form: anyone; the empty form is refused
GET  /contact/thanks                                         200    200    200    200    200    200    200
GET  /admin/contact                                        login    403    403    403    200    200  login         # editing the office's contacts: the staff
GET  /admin/contact/topics/new                             login    403    403    403    200    200  login
POST /admin/contact/topics                                   401    403    403    403    422    422    401
GET  /admin/contact/topics/:topic                          login    403    403    403    200    200  login
POST /admin/contact/topics/:topic                            401    403    403    403    422    422    401
POST /admin/contact/topics/:topic/move                       401    403    403    403    400    400    401         # no direction given
POST /admin/contact/topics/:topic/delete                     401    403    403    403    303    303    401
GET  /admin/contact/topics/:topic/persons/new              login    403    403    403    200    200  login
POST /admin/contact/topics/:topic/persons                    401    403    403    403    422    422    401
GET  /admin/contact/persons/:person                        login    403    403    403    200    200  login
POST /admin/contact/persons/:person                          401    403    403    403    422    422    401
POST /admin/contact/persons/:person/move                     401    403    403    403    400    400    401         # no direction given
POST /admin/contact/persons/:person/delete                   401    403    403    403    303    303    401
GET  /statistics/need                                        200    200    200    200    200    200    200         # need next to offer (issue #18): public figures
GET  /admin/statistics                                     login    403    403    403    200    200  login         # the Datensammlung's editing: the staff (src/statistics/access.ts)
GET  /admin/statistics/indicators/new                      login    403    403    403    200    200  login
POST /admin/statistics/indicators                            401    403    403    403    422    422    401
GET  /admin/statistics/indicators/:id                      login    403    403    403    200    200  login
POST /admin/statistics/indicators/:id                        401    403    403    403    422    422    401
GET  /admin/statistics/import                              login    403    403    403    200    200  login
POST /admin/statistics/import                                401    403    403    403    422    422    401         # no file
POST /admin/statistics/import/confirm                        401    403    403    403    422    422    401         # nothing carried
GET  /admin/statistics/values                              login    403    403    403    200    200  login
POST /admin/statistics/values                                401    403    403    403    400    400    401         # no city and year
GET  /admin/statistics/history                             login    403    403    403    200    200  login
GET  /admin/statistics/export.csv                          login    403    403    403    200    200  login
GET  /reports                                               login    403    403    403    303    303  login         # the yearly report: the staff (src/statistics/access.ts); on to the current year
GET  /reports/:year                                         login    403    403    403    200    200  login
GET  /reports/:pdf                                          login    403    403    403    200    200  login
GET  /reports/:csv                                          login    403    403    403    200    200  login
GET  /groups/:slug/fields                                   login    404    403    403    200    200  login         # a group's fields of action: those who edit the group
POST /groups/:slug/fields                                     401    404    403    403    303    303    401         # an empty form clears the fields
GET  /meetings/:id/fields                                   login    404    403    200    200    200  login         # a meeting's and its agenda items' fields: those who edit the meeting
POST /meetings/:id/fields                                     401    404    403    303    303    303    401
GET  /statistics                                             200    200    200    200    200    200    200         # the Datensammlung's charts: public (src/statistics/access.ts)
GET  /statistics/cities/:slug/age/:file                      404    404    404    404    404    404    404         # downloads are public; the fixture has no figures yet, so nothing to draw (200s: test/statistics-pages.test.ts)
GET  /statistics/:indicator/:kind/:file                      404    404    404    404    404    404    404
GET  /programmes                                             200    200    200    200    200    200    200         # funding programmes: public
GET  /programmes/:id                                         200    200    200    200    200    200    200
GET  /programmes/deadlines.ics                               200    200    200    200    200    200    200         # the deadlines as a public calendar feed
GET  /admin/programmes                                     login    403    403    403    200    200  login         # editing the programmes: the staff (src/programmes/access.ts)
GET  /admin/programmes/new                                 login    403    403    403    200    200  login
POST /admin/programmes                                       401    403    403    403    422    422    401
GET  /admin/programmes/:id                                 login    403    403    403    200    200  login
POST /admin/programmes/:id                                   401    403    403    403    422    422    401
POST /admin/programmes/:id/archive                           401    403    403    403    303    303    401
POST /admin/programmes/:id/restore                           401    403    403    403    303    303    401
POST /programmes/:id/advice                                  422    422    422    422    422    422    422         # advice requests: anyone asks (src/advice/access.ts); the empty form is refused
GET  /programmes/:id/advice/thanks                           200    200    200    200    200    200    200
GET  /admin/advice                                         login    403    403    403    200    200  login         # the requests hold others' contact details: the staff only
GET  /admin/advice/:id                                     login    403    403    403    200    200  login
POST /admin/advice/:id/assign                                401    403    403    403    422    422    401         # no one chosen
POST /admin/advice/:id/answer                                401    403    403    403    422    422    401         # no subject, no text
POST /admin/advice/:id/close                                 401    403    403    403    303    303    401         # the note is optional
POST /admin/advice/:id/reopen                                401    403    403    403    303    303    401         # an open request stays open (told so)
GET  /projects                                             login    403    403    403    200    200  login         # the office's projects: the staff, and partners (PARTNER below; src/projects/access.ts)
GET  /projects/new                                         login    403    403    403    200    200  login
POST /projects                                               401    403    403    403    422    422    401
GET  /projects/:id                                         login    404    404    404    200    200  login         # 'out' claims the partner's entry unconfirmed: no project exists for them
GET  /projects/:id/edit                                    login    403    403    403    200    200  login
POST /projects/:id                                           401    403    403    403    422    422    401
POST /projects/:id/archive                                   401    403    403    403    303    303    401
POST /projects/:id/restore                                   401    403    403    403    303    303    401
POST /projects/:id/files                                     401    403    403    403    422    422    401         # no kind, no file
GET  /projects/:id/files/:file                             login    404    404    404    200    200  login
POST /projects/:id/files/:file/delete                        401    403    403    403    303    303    401
POST /projects/:id/deadlines                                 401    403    403    403    422    422    401
GET  /projects/:id/deadlines/:deadline/edit                login    403    403    403    200    200  login
POST /projects/:id/deadlines/:deadline                       401    403    403    403    422    422    401
POST /projects/:id/deadlines/:deadline/done                  401    403    403    403    303    303    401
POST /projects/:id/deadlines/:deadline/reopen                401    403    403    403    303    303    401
POST /projects/:id/deadlines/:deadline/delete                401    403    403    403    303    303    401
GET  /projects/:id/accounts                                login    404    404    404    200    200  login         # project accounts: the staff only; everyone else 404 (src/projects/access.ts mayReadAccounts)
GET  /projects/:id/accounts.csv                            login    404    404    404    200    200  login
GET  /projects/:id/accounts.pdf                            login    404    404    404    200    200  login
POST /projects/:id/accounts/lines                            401    404    404    404    422    422    401
GET  /projects/:id/accounts/lines/:line                    login    404    404    404    200    200  login
POST /projects/:id/accounts/lines/:line                      401    404    404    404    422    422    401
POST /projects/:id/accounts/lines/:line/delete               401    404    404    404    409    409    401         # the fixture's line has an expense: refused
POST /projects/:id/accounts/expenses                         401    404    404    404    422    422    401
GET  /projects/:id/accounts/expenses/:expense              login    404    404    404    200    200  login
POST /projects/:id/accounts/expenses/:expense                401    404    404    404    422    422    401
POST /projects/:id/accounts/expenses/:expense/delete         401    404    404    404    303    303    401
GET  /projects/:id/accounts/receipts/:file                 login    404    404    404    200    200  login         # receipts belong to the accounts
POST /projects/:id/accounts/tranches                         401    404    404    404    422    422    401
GET  /projects/:id/accounts/tranches/:tranche              login    404    404    404    200    200  login
POST /projects/:id/accounts/tranches/:tranche                401    404    404    404    422    422    401
POST /projects/:id/accounts/tranches/:tranche/delete         401    404    404    404    303    303    401
GET  /admin/search-synonyms                                login    403    403    403    200    200  login         # the search's synonym groups: the staff (src/synonyms/access.ts)
POST /admin/search-synonyms                                  401    403    403    403    422    422    401
POST /admin/search-synonyms/:id                              401    403    403    403    422    422    401
POST /admin/search-synonyms/:id/delete                       401    403    403    403    303    303    401
`;

/**
 * The partner's column, for the routes of the office's projects: a member whose organisation (a
 * confirmed representation of a published entry) is a partner of the fixture's project. They read the
 * project's page, deadlines and documents and change nothing; the receipts (:receipt, a file of kind
 * 'receipt') and the accounts are the staff's. Every /projects route needs a row here.
 */
const PARTNER = `
GET  /projects                                               200
GET  /projects/new                                           403
POST /projects                                               403
GET  /projects/:id                                           200
GET  /projects/:id/edit                                      403
POST /projects/:id                                           403
POST /projects/:id/archive                                   403
POST /projects/:id/restore                                   403
POST /projects/:id/files                                     403
GET  /projects/:id/files/:file                               200         # the grant notice
GET  /projects/:id/files/:receipt                            404         # a receipt: part of the accounts
POST /projects/:id/files/:file/delete                        403
POST /projects/:id/deadlines                                 403
GET  /projects/:id/deadlines/:deadline/edit                  403
POST /projects/:id/deadlines/:deadline                       403
POST /projects/:id/deadlines/:deadline/done                  403
POST /projects/:id/deadlines/:deadline/reopen                403
POST /projects/:id/deadlines/:deadline/delete                403
GET  /projects/:id/accounts                                  404         # the accounts: the staff only, never a partner
GET  /projects/:id/accounts.csv                              404
GET  /projects/:id/accounts.pdf                              404
POST /projects/:id/accounts/lines                            404
GET  /projects/:id/accounts/lines/:line                      404
POST /projects/:id/accounts/lines/:line                      404
POST /projects/:id/accounts/lines/:line/delete               404
POST /projects/:id/accounts/expenses                         404
GET  /projects/:id/accounts/expenses/:expense                404
POST /projects/:id/accounts/expenses/:expense                404
POST /projects/:id/accounts/expenses/:expense/delete         404
GET  /projects/:id/accounts/receipts/:file                   404
POST /projects/:id/accounts/tranches                         404
GET  /projects/:id/accounts/tranches/:tranche                404
POST /projects/:id/accounts/tranches/:tranche                404
POST /projects/:id/accounts/tranches/:tranche/delete         404
`;

type Expected = number | 'login';
interface Row {
  route: string;
  method: string;
  path: string;
  expected: Partial<Record<VisitorKind, Expected>>;
}

/** parseMatrix reads the table above; a malformed line fails loudly with its text. */
function parseMatrix(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    const content = line.replace(/#.*$/, '').trim();
    if (!content) continue;
    const [method, path, ...cells] = content.split(/\s+/);
    if (!method || !path || (cells.length !== VISITORS.length && cells.length !== VISITORS.length + 1) || !cells.every((c) => c === 'login' || /^[1-5][0-9]{2}$/.test(c))) {
      throw new Error(`malformed matrix line: ${line}`);
    }
    const kinds: VisitorKind[] = [...VISITORS, 'feed'];
    const expected = Object.fromEntries(cells.map((c, i) => [kinds[i]!, c === 'login' ? 'login' : Number(c)]));
    rows.push({ route: `${method} ${path}`, method, path, expected });
  }
  return rows;
}

const ROWS = parseMatrix(MATRIX);

/** GETs whose success writes one audit entry and nothing else: the exports of a person's data. */
const AUDITED_READS = ['GET /profile/data', 'GET /profile/data.json', 'GET /people/:id/data', 'GET /people/:id/data.json'];

/** Visitors who must never see anything of the internal group. */
const OUTSIDERS: VisitorKind[] = ['pub', 'out', 'off', 'feed'];

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
}, 60_000);
afterAll(() => f?.h.close());

/** PARAMS: the fixture's value for each path parameter, by the first matching path prefix. */
function params(path: string, visitor: VisitorKind): Record<string, string | number> {
  const i = f.ids;
  const table: [RegExp, Record<string, string | number>][] = [
    [/^\/meetings\//, { id: i.meeting, ics: `${i.meeting}.ics`, item: i.item, guest: i.guest, action: i.action, version: i.version, comment: 999999 }],
    [/^\/files\//, { file: i.file }],
    [/^\/feeds\//, { file: `${visitor === 'feed' ? i.outsiderFeedToken : i.memberFeedToken}.ics` }],
    [/^\/calendar\/feeds\//, { id: i.memberFeed }],
    [/^\/admin\/breaks\//, { break: i.districtBreak }],
    [/^\/admin\/lists\//, { list: 'fields', entry: 1 }],
    // Hilden (id 4: migration 0002 inserts the cities in order).
    [/^\/admin\/cities\//, { id: 4 }],
    [/^\/cities\//, { slug: 'hilden' }],
    [/^\/statistics\//, { slug: 'hilden', indicator: 'share_foreign', kind: 'bars', file: 'chart.svg' }],
    [/^\/admin\/contact\//, { topic: i.contactTopic, person: i.contactPerson }],
    // population_total (migration 0032 inserts it first).
    [/^\/admin\/statistics\//, { id: 1 }],
    [/^\/admin\/users\//, { id: f.users.mem.userId }],
    [/^\/admin\/outbox\//, { id: i.mail }],
    [/^\/admin\/directory\/:id\/contacts/, { id: i.publishedOrg, person: i.contact }],
    [/^\/admin\/texts\//, { slug: 'datenschutz' }],
    [/^\/directory\/withdraw\//, { token: i.withdrawToken }],
    [/^\/admin\/directory\//, { id: i.pendingOrg, change: i.change, decision: 'apply', person: f.users.mem.personId }],
    [/^\/directory\//, { id: i.publishedOrg, vcf: `${i.publishedOrg}.vcf`, token: i.confirmToken, person: i.contact, membership: i.representedMembership, decision: 'confirm' }],
    [/^\/rsvp\//, { token: i.rsvpToken }],
    [/^\/polls\//, { id: i.poll }],
    [/^\/poll\//, { token: i.pollToken }],
    [/^\/password\/reset\//, { token: i.resetToken }],
    [/^\/invite\//, { token: i.inviteToken }],
    [/^\/email-change\//, { token: i.emailChangeToken }],
    [/^\/join\//, { token: i.joinToken }],
    [/^\/actions\//, { item: i.action }],
    [/^\/groups\//, { slug: i.slug, membership: i.membership, break: i.groupBreak }],
    [/^\/reports\//, { year: 2026, pdf: '2026.pdf', csv: '2026.csv' }],
    [/^\/(admin\/)?programmes\//, { id: i.programme }],
    [/^\/admin\/advice\//, { id: i.adviceRequest }],
    // The accounts' own project first: the first rule that matches a path names its fixtures.
    [/^\/projects\/:id\/accounts/, { id: i.accountsProject, line: i.accountsLine, expense: i.accountsExpense, file: i.accountsReceipt, tranche: i.accountsTranche }],
    [/^\/projects\//, { id: i.project, file: i.projectFile, receipt: i.projectReceipt, deadline: i.projectDeadline }],
    // "Sprachkurs ~ …" (id 1: migration 0038 inserts its groups in order).
    [/^\/admin\/search-synonyms\//, { id: 1 }],
  ];
  // People and anything else naming a person: the internal group's member.
  return table.find(([re]) => re.test(path))?.[1] ?? { id: f.users.mem.personId, person: f.users.mem.personId, slug: i.slug };
}

describe('permission matrix', () => {
  it('has exactly one row for every registered route', async () => {
    const registered = registeredRoutes(f.h.app);
    const listed = ROWS.map((r) => r.route);
    const unlisted = registered.filter((r) => !listed.includes(r));
    const stale = listed.filter((r) => !registered.includes(r));
    const twice = listed.filter((r, i) => listed.indexOf(r) !== i);
    // The message names each missing route with what it answers now, as a line to check and paste.
    const observed: string[] = [];
    for (const route of unlisted) {
      const [method, path] = route.split(' ') as [string, string];
      const cells: string[] = [];
      for (const visitor of VISITORS) {
        const res = await f.h.rdb.isolated(() => f.h.request(method, fillPath(path, params(path, visitor)), { cookie: f.cookies[visitor] }));
        cells.push(res.status === 303 && res.headers.get('location')?.startsWith('/login') ? 'login' : String(res.status));
      }
      observed.push(`${method.padEnd(5)}${path.padEnd(57)}${cells.map((c) => c.padStart(5)).join('  ')}`);
    }
    expect(unlisted, `routes without a row in test/security/permission-matrix.test.ts (answers now: ${VISITORS.join(' ')}):\n${observed.join('\n')}\n`).toEqual([]);
    expect(stale, `rows for routes the app does not register:\n  ${stale.join('\n  ')}\n`).toEqual([]);
    expect(twice, 'rows listed twice').toEqual([]);
  });

  describe.each(ROWS)('$route', (row) => {
    const visitors = (Object.keys(row.expected) as VisitorKind[]).filter((v) => row.expected[v] !== undefined);
    it.each(visitors)('%s', async (visitor) => {
      const expected = row.expected[visitor]!;
      const url = fillPath(row.path, params(row.path, visitor));
      const cookie = visitor === 'feed' ? undefined : f.cookies[visitor];
      const requests = [{ fragment: false }, ...(OUTSIDERS.includes(visitor) && row.method === 'GET' ? [{ fragment: true }] : [])];
      for (const { fragment } of requests) {
        await f.h.rdb.isolated(async () => {
          const writes = await f.h.rdb.writeCount();
          const res = await f.h.request(row.method, url, { cookie, headers: fragment ? { 'HX-Request': 'true' } : {} });
          const body = await res.text();
          const where = `${row.method} ${url} as ${visitor}${fragment ? ' (htmx)' : ''}`;
          expect(res.status, `${where}: not a server error`).toBeLessThan(500);
          expect(headerProblems(res), where).toEqual([]);
          if (!fragment) {
            if (expected === 'login') {
              expect(res.status, where).toBe(303);
              expect(res.headers.get('location'), where).toMatch(/^\/login\?next=/);
            } else {
              expect(res.status, `${where}: ${body.slice(0, 200)}`).toBe(expected);
            }
          }
          // Refused writes and every GET leave the data as it was (sessions and throttles aside). Exports
          // of personal data are the one kind of read the audit log records (issue #10: who looked at whose data).
          if (row.method === 'GET' || res.status >= 400 || expected === 'login') {
            const audited = res.status === 200 && AUDITED_READS.includes(row.route) ? ['audit_log'] : [];
            expect(await f.h.changes(writes), `${where} changed the database`).toEqual(audited);
          }
          // A one-time link or feed URL is the member's credential: whoever holds it sees what the member
          // may see, so only the feed column (another person's own URL) counts there.
          const memberCredential = /:token|^\/feeds\//.test(row.path) && visitor !== 'feed';
          if (OUTSIDERS.includes(visitor) && !memberCredential) expect(leaks(body, SECRETS), `${where} shows the internal group`).toEqual([]);
          if (res.status === 200 && /text\/html/.test(res.headers.get('content-type') ?? '')) expect(cspProblems(body), `${where}: CSP would block`).toEqual([]);
        });
      }
    });
  });
});

describe('the partner’s column', () => {
  const partnerRows = PARTNER.split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const [method, path, status] = line.split(/\s+/) as [string, string, string];
      return { route: `${method} ${path}`, method, path, status: Number(status) };
    });

  it('has a row for every /projects route', () => {
    const projectRoutes = registeredRoutes(f.h.app).filter((r) => r.split(' ')[1]!.startsWith('/projects'));
    const listed = partnerRows.map((r) => r.route);
    expect(projectRoutes.filter((r) => !listed.includes(r)), 'add these routes to PARTNER in test/security/permission-matrix.test.ts').toEqual([]);
  });

  it.each(partnerRows)('$route', async (row) => {
    const url = fillPath(row.path, params(row.path, 'mem'));
    await f.h.rdb.isolated(async () => {
      const writes = await f.h.rdb.writeCount();
      const res = await f.h.request(row.method, url, { cookie: f.partnerCookie });
      const body = await res.text();
      expect(res.status, `${row.method} ${url} as the partner: ${body.slice(0, 200)}`).toBe(row.status);
      if (row.method === 'GET' || res.status >= 400) expect(await f.h.changes(writes), `${row.method} ${url} changed the database`).toEqual([]);
      expect(leaks(body, SECRETS), `${row.method} ${url} shows the internal group`).toEqual([]);
      // The accounts and receipts are never linked for a partner.
      if (res.status === 200 && /text\/html/.test(res.headers.get('content-type') ?? '')) {
        expect(body).not.toContain('/accounts');
        expect(body).not.toContain('beleg.pdf');
      }
    });
  });
});

describe('feeds and sessions of deactivated or revoked accounts', () => {
  it("a deactivated account's feed URL and a revoked one answer 404", async () => {
    const res = await f.h.request('GET', `/feeds/${f.ids.deactivatedFeedToken}.ics`);
    expect(res.status).toBe(404);
    await f.h.rdb.isolated(async () => {
      expect((await f.h.request('POST', `/calendar/feeds/${f.ids.memberFeed}/revoke`, { cookie: f.cookies.mem })).status).toBe(303);
      expect((await f.h.request('GET', `/feeds/${f.ids.memberFeedToken}.ics`)).status).toBe(404);
    });
  });

  it('the public feed and the outsider’s feed name nothing of the internal group', async () => {
    for (const file of ['public', f.ids.outsiderFeedToken]) {
      const res = await f.h.request('GET', `/feeds/${file}.ics`);
      expect(res.status).toBe(200);
      expect(leaks(await res.text(), SECRETS)).toEqual([]);
    }
    // The member's own feed does carry the meeting: the check above can find a leak.
    expect(await (await f.h.request('GET', `/feeds/${f.ids.memberFeedToken}.ics`)).text()).toContain(SECRETS.meeting);
  });
});

describe('the secrets the leak checks look for are real', () => {
  it('members see the names that outsiders must not', async () => {
    const page = await (await f.h.request('GET', `/meetings/${f.ids.meeting}`, { cookie: f.cookies.mem })).text();
    for (const name of [SECRETS.group, SECRETS.meeting, SECRETS.agendaItem, SECRETS.document]) expect(page).toContain(name);
    const members = await (await f.h.request('GET', `/groups/${f.ids.slug}/members`, { cookie: f.cookies.mem })).text();
    for (const name of [SECRETS.member, SECRETS.organiser]) expect(members).toContain(name);
  });
});

describe('CSRF: every state-changing route refuses requests that do not come from this site', () => {
  const attacks: [string, Record<string, string>][] = [
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['Sec-Fetch-Site cross-site without Origin', { Origin: '', 'Sec-Fetch-Site': 'cross-site' }],
    ['neither Origin nor Sec-Fetch-Site', { Origin: '' }],
    ['Origin null (sandboxed frame)', { Origin: 'null' }],
    ['a foreign Origin with a JSON body', { Origin: 'https://evil.example', 'Content-Type': 'application/json' }],
    ['a foreign Origin posing as same-site', { Origin: 'https://hub.localhost.evil.example', 'Sec-Fetch-Site': 'same-site' }],
  ];

  it('every non-GET route, as an admin and as the organiser, gets 403 and nothing changes', async () => {
    const routes = registeredRoutes(f.h.app).filter((r) => !r.startsWith('GET '));
    expect(routes.length).toBeGreaterThan(50);
    const refused: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const url = fillPath(path, params(path, 'adm'));
      for (const cookie of [f.cookies.adm, f.cookies.org]) {
        for (const [what, headers] of attacks) {
          await f.h.rdb.isolated(async () => {
            const body = headers['Content-Type'] === 'application/json' ? '{}' : undefined;
            const writes = await f.h.rdb.writeCount();
            const res = await f.h.request(method, url, { cookie, headers, body, form: { name: 'x', reason: 'x' } });
            const text = await res.text();
            if (res.status !== 403 || !text.includes('Sicherheitsgründen') || (await f.h.changes(writes)).length) refused.push(`${route} with ${what}: ${res.status}`);
          });
        }
      }
    }
    expect(refused, 'routes that accepted a cross-site request').toEqual([]);
  });

  it('a same-origin request passes with Sec-Fetch-Site alone (no Origin header)', async () => {
    const res = await f.h.request('POST', '/language', { headers: { Origin: '', 'Sec-Fetch-Site': 'same-origin' }, form: { lang: 'en' } });
    expect(res.status).toBe(303);
  });
});
