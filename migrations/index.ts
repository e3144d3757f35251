import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_reference_data.js';
import * as m0003 from './0003_groups_people.js';
import * as m0004 from './0004_directory.js';
import * as m0005 from './0005_meetings.js';
import * as m0006 from './0006_minutes.js';
import * as m0007 from './0007_minute_comments.js';
import * as m0008 from './0008_calendar_feeds.js';
import * as m0009 from './0009_directory_search_indexes.js';
import * as m0010 from './0010_data_protection.js';
import * as m0011 from './0011_site_texts.js';
import * as m0012 from './0012_open_invitations_index.js';
import * as m0013 from './0013_membership_consent.js';
import * as m0014 from './0014_email_change.js';
import * as m0015 from './0015_office_email.js';
import * as m0016 from './0016_decision_numbers.js';
import * as m0017 from './0017_reference_names_en.js';
import * as m0018 from './0018_reply_reminders.js';
import * as m0019 from './0019_submission_digest.js';
import * as m0020 from './0020_documents_notice.js';
import * as m0021 from './0021_comments_due.js';
import * as m0022 from './0022_invitation_options.js';
import * as m0023 from './0023_substitutes.js';
import * as m0024 from './0024_breaks.js';
import * as m0025 from './0025_polls.js';
import * as m0031 from './0031_comment_resolutions.js';
import * as m0026 from './0026_office_settings.js';
import * as m0027 from './0027_reference_lists.js';
// issue #17: city pages (src/cities/)
import * as m0028 from './0028_city_pages.js';
import * as m0029 from './0029_contact.js';
import * as m0032 from './0032_statistics.js';
import * as m0033 from './0033_field_tags.js';
import * as m0034 from './0034_statistics_version.js';
import * as m0035 from './0035_programmes.js';
import * as m0036 from './0036_projects.js';
import * as m0037 from './0037_advice_requests.js';
import * as m0038 from './0038_substring_search.js';
import * as m0039 from './0039_action_items_folded.js';
import * as m0040 from './0040_feeds_version.js';

/** Every migration, in order. Never edit one that has landed; add a new file instead. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_reference_data': m0002,
  '0003_groups_people': m0003,
  '0004_directory': m0004,
  '0005_meetings': m0005,
  '0006_minutes': m0006,
  '0007_minute_comments': m0007,
  '0008_calendar_feeds': m0008,
  '0009_directory_search_indexes': m0009,
  '0010_data_protection': m0010,
  '0011_site_texts': m0011,
  '0012_open_invitations_index': m0012,
  '0013_membership_consent': m0013,
  '0014_email_change': m0014,
  '0015_office_email': m0015,
  '0016_decision_numbers': m0016,
  '0017_reference_names_en': m0017,
  '0018_reply_reminders': m0018,
  '0019_submission_digest': m0019,
  '0020_documents_notice': m0020,
  '0021_comments_due': m0021,
  '0022_invitation_options': m0022,
  '0023_substitutes': m0023,
  '0024_breaks': m0024,
  '0025_polls': m0025,
  '0031_comment_resolutions': m0031,
  '0026_office_settings': m0026,
  '0027_reference_lists': m0027,
  '0028_city_pages': m0028,
  '0029_contact': m0029,
  '0032_statistics': m0032,
  '0033_field_tags': m0033,
  '0034_statistics_version': m0034,
  '0035_programmes': m0035,
  '0036_projects': m0036,
  '0037_advice_requests': m0037,
  '0038_substring_search': m0038,
  '0039_action_items_folded': m0039,
  '0040_feeds_version': m0040,
};
