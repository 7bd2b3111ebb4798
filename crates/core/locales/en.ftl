# SamenOp catalogue (English: a courtesy translation).
# Simple Fluent subset: `key = value` on one line, `# comments`, placeables `{ $name }`.
# Vocabulary keys are `<enum>-<variant>` (snake_case); a longer text about a term adds a suffix.

## ac
organisation-police = Police
organisation-veilig_thuis = Veilig Thuis
organisation-om = Public Prosecution (OM)
organisation-judiciary = Court (ZM)
organisation-mayor = Mayor
organisation-rvdk = Child Protection Board (RvdK)
organisation-reclassering = Probation (3RO)
organisation-shn = Victim Support (SHN)
organisation-crisisdienst = Crisis service
organisation-gi = Certified institution (GI)
organisation-bewaken_beveiligen = Surveillance & Protection
organisation-local_care = Local care
organisation-network = Family network
organisation-jeugdreclassering = Youth probation (jeugdreclassering)
role-police = Police
role-veilig_thuis = Veilig Thuis
role-shift_lead = Shift lead
role-admin = Administrator

## ans
answer-yes = yes
answer-no = no
answer-unknown = unknown

## c
case_status-acute = acutely unsafe
case_status-contained = contained
case_status-not_assessed = not yet assessed
case_status-not_acute = not acute
case_status-handed_over = handed over

## ev
report_source-police_report = Report to the police
report_source-veilig_thuis_report = Report to Veilig Thuis
report_source-police_observation = Police observation
case_nature-partner_violence = Partner violence
case_nature-ex_partner_stalking = Ex-partner stalking
case_nature-child_abuse = Child abuse
case_nature-child_violence_to_parent = Child-to-parent violence
case_nature-honour_based_violence = Honour-based violence
case_nature-elder_abuse = Elder abuse
case_nature-other = Other
field_key-children_present = Children present
field_key-nature = Nature of the case
field_key-relationship_ended_on = Relationship ended on
field_key-suspect_has_access = Suspect has access to victim
field_key-third_party_oversight = Oversight by others
field_key-safety_assessment_confirmed = Safety assessment confirmed by Veilig Thuis
safety_assessment-on_scene = Confirmed by Veilig Thuis on scene
safety_assessment-by_phone_with = Assessed with VT (by phone): { $name }
assessment_gap-unanswered = Not answered yet: { $question }
assessment_gap-not_confirmed = Not yet confirmed by Veilig Thuis
assessment_gap-changed_since_confirmation = Answers changed after Veilig Thuis confirmed: have it confirmed again
field_key-network_has_access = Suspect's network has access to victim
field_key-suspect_is_minor = Suspect is a minor
field_key-child_injury = Injury or suspected injury of a child
field_key-professional_judgement = Professional judgement
field_key-sash_assessor_level = SASH level
handover_key-handed_over_to = Handed over to
handover_key-warm_handover = Warm handover
handover_key-response_mode = Response mode
handover_key-useful_information = Useful information
handover_key-missing_information = Missing information
handover_key-declared = Declared no longer acute
event-acute = acute
event-case_started = Case started
event_kind-case_joined = Joined the case
event-information_shared = Information shared
event-measure_agreed = Measure agreed

## hando
exit_condition-safety_assessment_made = Safety assessment made
exit_condition-investigation_done = Investigation done
exit_condition-physically_safe = Those involved are physically safe
response_mode-in_person = Together on scene
response_mode-by_phone = By phone
handover_blocker-still_acute = The situation is still acutely unsafe: lift the acute unsafety first
handover-not_yet = Not yet
handover-record_who_takes_over = Record who takes over

## measu
framework-strafrechtelijk = Criminal law
framework-bestuursrechtelijk = Administrative law
framework-civielrechtelijk = Civil law
framework-politie = Police powers
framework-vrijwillig = Voluntary
measure_kind-aanhouding = Arrest (art 53 Sv)
measure_kind-inverzekeringstelling = Police custody order (IVS)
measure_kind-voorgeleiding_rc = Brought before the examining judge
measure_kind-schorsing_voorlopige_hechtenis = Suspended pre-trial detention with special conditions
measure_kind-gedragsaanwijzing509hh = Behavioural order (art 509hh Sv)
measure_kind-tijdelijk_huisverbod = Temporary restraining order (10 days)
measure_kind-ots = (Interim) supervision order
measure_kind-ots_uithuisplaatsing = (Interim) supervision with out-of-home placement
measure_kind-weghouden_art3_pw = Kept away under police escort (art 3 Pw)
measure_kind-bewaken_en_beveiligen = Surveillance & protection
measure_kind-veiligheidsvoorwaarden = Safety conditions
measure_kind-veiligheidsafspraken = Safety agreements
measure_kind-opvang = Shelter
special_condition-schadevergoeding = Compensation
special_condition-schadeherstel = Repair of damage
special_condition-waarborgsom = Bail deposit
special_condition-storting_schadefonds = Payment to the violent crimes fund
special_condition-contactverbod = Contact ban
special_condition-locatieverbod = Location ban
special_condition-locatiegebod = Location order
special_condition-gebiedsverbod = Area ban
special_condition-meldplicht = Duty to report
special_condition-elektronische_monitoring = Electronic monitoring (ankle tag)
special_condition-drugs_alcoholverbod = Drugs and alcohol ban
special_condition-klinische_behandeling = Admission to a care institution
special_condition-begeleid_wonen = Supported housing or shelter
special_condition-gedragsinterventie = Behavioural intervention
special_condition-begeleiding_hulpverlening = Cooperate with care
measure_status-agreed = agreed
measure_status-ended = ended
measure_status-withdrawn = withdrawn
deadline_kind-ovj_decision = Prosecutor's decision (9 h after arrest)
deadline_kind-huisverbod_ends = Restraining order ends
deadline_kind-measure_ends = Measure ends
deadline_kind-reassessment = Reassessment
measure_attribute-owner = Carried out by
measure_attribute-started_at = Started
measure_attribute-until = Until
measure_attribute-reassess_at = Reassessment
measure_attribute-first_contact = First point of contact
measure_attribute-call_tree = Who calls whom when
measure_attribute-informs = Who informs whom
measure_attribute-conditions = Conditions
measure_attribute-status = Status

## s
sash_level-low = low
sash_level-medium = medium
sash_level-high = high

## shar
info_category-known_to = Known to (whether known)
info_category-police_registrations = Police registrations
info_category-prior_agreements = Earlier agreements / plan
info_category-protection_measures = Protection measures in place
info_category-criminal_investigation = Ongoing criminal investigation (art 9 Wpg)
info_category-probation_info = Probation advice and supervision
info_category-veilig_thuis_records = Veilig Thuis records
info_category-child_protection_info = Child Protection Board information
info_category-care_provider_info = Information from care involved
info_category-observations_on_scene = Observations on scene
legal_ground-avg_vital_interest = Art 6(1)(d) GDPR (vital interest)
legal_ground-avg_wmo411 = Art 6(1)(e) GDPR with art 4.1.1 Wmo
legal_ground-wpg16_to_om = Art 16(1)(a) Wpg (to the OM)
legal_ground-wpg18_bpg42 = Art 18(1) Wpg with art 4:2(1) Bpg
legal_ground-wjsg39e = Art 39e(1) Wjsg
legal_ground-wjsg39f = Art 39f(1) Wjsg
legal_ground-avg_bw1238 = Art 6(1)(e) GDPR with 1:238(3) BW
legal_ground-avg_bw1238_wmo526 = Art 6(1)(e) GDPR with 1:238(3) BW and art 5.2.6 Wmo
legal_ground-consent = Consent of the person (recorded)

## st
step-fysieke_veiligheid = Physical safety
step-motorkapoverleg = Bonnet briefing
step-onderzoek = (Joint) investigation
step-veiligheidsmaatregelen = Safety measures
step-niet_meer_acuut = No longer acute?
safety_item-police_on_scene = Police on scene
safety_item-vt_phoned = Police phoned Veilig Thuis
safety_item-safe_to_enter_told_vt = Police told Veilig Thuis it is safe enough to enter
safety_item-vt_on_scene = Veilig Thuis on scene
safety_item-vt_entered = Veilig Thuis entered the home
safety_item-residents_informed = Those involved know who enters their home and why
safety_item-departure_consulted = Police consulted Veilig Thuis by phone before leaving
safety_item-police_left = Police left
safety_item-all_involved_safe = Everyone directly involved (children too) accounted for and physically safe
safety_item-vt_not_coming_on_scene = VT does not come on scene (agreed by phone/video call)
safety_rule-police_signal_safe_to_enter = Veilig Thuis enters only after the police say it is safe
safety_rule-no_departure_without_consultation = Police do not leave before Veilig Thuis arrives without a phone consultation first
safety_rule-police_always_phone_vt = Police phone Veilig Thuis straight away
investigation_point-consultation = Who consults whom, when
investigation_point-results_sharing = Which findings to share, with whom, by whom
investigation_point-joint_interview = Joint interview (tell the story once)
investigation_point-child_check = Child check done
investigation_point-forensic_examination = Forensic doctor and forensics (injured child)
investigation_point-who_does_what = Who carries out which investigative act, in what order
investigation_point-factual_description = Factual description of the situation as found (photos)
investigation_point-crime_scene = Home as crime scene: discussed with forensic and/or tactical investigation
investigation_point-rights_explained = Rights of victims and suspects (incl. right to counsel)
investigation_point-rvdk_consulted = Advice from the Raad voor de Kinderbescherming (voluntary or compulsory; urgent OTS/UHP)
investigation_point-vt_report_per_child = VT report per child
investigation_point-child_heard_by_vt_or_rvdk = Child heard by VT or RvdK
investigation_point-child_spared = Child not needlessly removed from a safe setting, not interviewed more than needed

## summ
timeline_kind-report_received = Report received
timeline_kind-case_opened = Case opened in SamenOp
timeline_kind-declared_not_acute = Declared no longer acute

## tri
criterion-offence8_years-explanation = Suspected offence carrying 8 years or more: in principle acute unsafety.
criterion-firearm-explanation = Use or possession of a firearm.
criterion-injury_or_strangulation-explanation = Violence causing injury, or (attempted) strangulation.
criterion-violence_in_pregnancy-explanation = Violence or threat of violence during the victim's pregnancy.
criterion-sexual_abuse-explanation = (Suspected) sexual abuse.
criterion-withholding_care-explanation = Withholding care from a child or adult so that physical health is acutely threatened (no food, medical care or personal care).
criterion-intimate_terror_recent_breakup-explanation = Intimate terror or violence after a relationship ended up to 2 weeks ago: control, intimidation, threats, isolation.
criterion-threat_of_violence-explanation = Announcing or threatening violence, female genital mutilation, killing or deprivation of liberty.
criterion-stalking_with_fear-explanation = A pattern of unwanted contact, and the victim is very afraid the (ex-)partner will seriously injure or kill them.
criterion-breach_of_safety_conditions-explanation = Safety conditions imposed or safety agreements made earlier have been breached.
criterion-offence8_years = Offence carrying 8+ years
criterion-firearm = Firearm
criterion-injury_or_strangulation = Injury or strangulation
criterion-violence_in_pregnancy = Violence during pregnancy
criterion-sexual_abuse = Sexual abuse
criterion-withholding_care = Withholding care
criterion-intimate_terror_recent_breakup = Intimate terror after a recent breakup
criterion-threat_of_violence = Threat of violence
criterion-stalking_with_fear = Stalking with fear for life
criterion-breach_of_safety_conditions = Breach of safety conditions or agreements
acute_reason-professional_judgement = Professional judgement
acute_reason-sash_high = SASH: high level of concern
lifting_route-kept_away_art3_pw = Suspect kept away under police escort (art 3 Pw)
lifting_route-arrested_art53_sv = Suspect arrested (art 53 Sv)
lifting_route-plan_with_oversight = Plan for immediate safety and oversight by third parties
triage_status-acute = acutely unsafe
triage_status-contained = contained
triage_status-undetermined = not yet assessed
triage_status-not_acute = not acute
reassess_moment-arrest_decision = Reassess before deciding on arrest
reassess_moment-release_of_suspect = Reassess before the suspect is released
reassess_moment-police_departure = Reassess before the police leave (art 3 Pw lasts only while the police stay)
triage_warning-downgrade_ignored = Professional judgement cannot lower acute unsafety; it was ignored
triage_warning-no_release_without_safety_measures = No release without (legal) safety measures
triage_warning-breakup_outside14_days = Relationship ended more than 2 weeks ago: does not count as an acute criterion. Consider stalking, the SASH or professional judgement
missing_info-relationship_ended_on = Date the relationship ended
structural_category-lichamelijk_geweld-examples = Physical abuse, with or without injuries.
structural_category-psychisch_geweld-examples = Threats, humiliation, intimidation, (digital) stalking, confinement or isolation, trespass, destruction, partner violence, children witnessing violence, high-conflict divorce.
structural_category-seksueel_geweld-examples = (Suspected) sexual abuse, forced prostitution, online sexual violence, children witnessing sexual acts.
structural_category-verwaarlozing-examples = Physical or emotional neglect, withholding medical or psychiatric care.
structural_category-bijzondere_vormen-examples = Financial exploitation, honour-based violence, forced marriage or abandonment, human trafficking, PCF, animal abuse, criminal exploitation.
structural_category-lichamelijk_geweld = Physical violence
structural_category-psychisch_geweld = Psychological violence
structural_category-seksueel_geweld = Sexual violence
structural_category-verwaarlozing = Neglect
structural_category-bijzondere_vormen = Special forms of violence

## w
reject_code-conflicting_content = another entry with the same id is already on the server
reject_code-forbidden = no access: the case belongs to another region or you may not record here
reject_code-author_mismatch = the entry names another account as its author
reject_code-invalid = breaks a protocol rule
reject_code-unknown_case = the server does not know the case

## summary
summary-on_scene_summary = On-scene summary
summary-report = Report
summary-nature = Nature
summary-on_scene = On scene
summary-timeline = Timeline
summary-attention = Attention
summary-not_followed = Not followed
summary-still_unknown = Still unknown
summary-missing = Missing
summary-structural_unsafety = Structural unsafety
summary-information_shared = Information shared
summary-safety_measures = Safety measures
summary-conflicting_entries = Conflicting entries
summary-or = or
summary-handover = Handover

## sash
sash_item-nothing_to_lose = Has the person reached a point where they have nothing left to lose?
sash_item-fear_of_death = Is the (ex-)partner very afraid of violence: in fear for their life?
sash_item-sought_proximity = Has the person physically approached the victim?
sash_item-threatens_victim = Does the person threaten or intimidate the victim or those close to them?
sash_item-entered_home = Has the person entered the home without permission?
sash_item-damaged_or_stole = Has the person deliberately damaged or stolen the victim's belongings?
sash_item-ignored_warning_or_conditions = Has the person ignored a police warning or breached conditions (contact or area ban)?
sash_item-escalating = Is the stalking or nuisance getting worse?
sash_item-must_keep_contact = Must the victim stay in contact with the person?
sash_item-earlier_victims = Has the person harassed or stalked this or another victim before?
sash_item-history_of_violence = Does the person have a history of physical or sexual violence?
sash_item-mental_health = Does the person have mental health problems or talk about suicide?
sash_item-substance_use = Does the person have problems from substance use?
sash_item-recent_loss = Has the person recently suffered a major loss?
sash_item-possessive_jealous = Is the person extremely possessive or jealous?
sash_item-disputes_children_or_property = Are there conflicts or legal disputes about contact with children or shared property?

## server PDF (always Dutch; English for completeness)
pdf-title = SamenOp — On-scene summary
pdf-document_title = SamenOp on-scene summary { $case }
pdf-case = Case: { $id }
pdf-generated = Drawn up: { $at }, requested by { $by }
pdf-recorded_by = Recorded by (person and organisation per item)
pdf-time_entered_by = time entered by { $by }
pdf-not_recorded = not recorded
pdf-measure_line = { $measure } — agreed by { $by }; carried out by: { $owner }
pdf-page_footer = { $case } — page { $page } of { $total }

## app: the app's own words (the typed Texts in src/i18n)
app-app_name = SamenOp
app-login_title = Sign in
app-server = Server
app-username = Username
app-password = Password
app-log_in = Sign in
app-logging_in = Signing in…
app-set_pin_title = Choose a PIN
app-set_pin_help = This PIN unlocks SamenOp, also without a network. Everything on this device is encrypted with it.
app-pin = PIN
app-save_pin = Save PIN
app-unlock_title = Unlock
app-unlock = Unlock
app-lock = Lock
app-pin_too_short = Use at least 5 digits.
app-my_cases = My cases
app-new_case = New case
app-join_case = Join a case
app-no_cases = No cases on this device yet.
app-reported_at = Reported at
app-address_hint = Address hint (short)
app-start_case = Start case
app-unsynced = not synced
app-back = Back
app-offline = Offline
app-syncing = Syncing…
app-synced = Synced
app-unreadable = Server reply unreadable
app-pending = pending
app-not_sent = Not sent
app-not_sent_help = The server refused this; colleagues do not see it. Record it again if needed.
app-events_recorded = entries in this case
app-yes = Yes
app-no = No
app-unknown = Unknown
app-result = Result
app-why = Why
app-open_questions = Still unknown
app-suspect_access = Does the suspect have access to the victim or others?
app-oversight = Do third parties have eyes on the situation?
app-network_access = Does the suspect's network (for example family, in honour-based violence) have access to the victim or others?
app-lifting = How was the acute unsafety lifted?
app-professional_judgement = Professional judgement
app-reason = Reason
app-raise_to_acute = Raise to acutely unsafe
app-relationship_ended_on = Date the relationship ended
app-conflicts = Conflicting entries
app-keep_this = Keep this one
app-call_vt = Call Veilig Thuis
app-language = Nederlands
app-summary = Summary
app-print = Print
app-error_prefix = Error

## app: lead
lead-shift_leads_only = Shift leads only.
lead-cases = Cases
lead-measures = Measures
lead-figures = Figures
lead-views = Views
lead-every_read_of_a_case = Every read of a case is recorded in the audit log.
lead-cases_in_the_region = Cases in the region
lead-no_cases_yet = No cases yet.
lead-today = Today{ " " }
lead-children = children
lead-conflict = conflict
lead-measure_due = measure due
lead-open_measures = Open measures
lead-what_expires_or_needs_re = What expires or needs re-assessment first is on top.
lead-no_open_measures = No open measures.
lead-overdue = Overdue:{ " " }
lead-no_deadline_agreed = No deadline agreed
lead-owner = Owner
lead-call = Call
lead-open_case = Open case
lead-figures_per_week = Figures per week
lead-joint_responses_of_police_and = Joint responses of police and Veilig Thuis, counted from what was recorded on scene.
lead-joint_responses = Joint responses
lead-week = Week
lead-joint = Joint
lead-in_person = In person
lead-report_vt_median_min = Report → VT (median, min)
lead-time_from_report_to_veilig = Time from report to Veilig Thuis contact
lead-interventions_used = Interventions used
lead-information_that_proved_useful = Information that proved useful
lead-information_that_was_missing = Information that was missing
lead-joint_responses_per_week_in = Joint responses per week: in person, by phone, unknown
lead-legend_in_person = { " " }in person{ "  " }
lead-legend_by_phone = { " " }by phone{ "  " }
lead-legend_not_recorded = { " " }not recorded
lead-median_minutes_from_report_to = Median minutes from report to Veilig Thuis contact per week
lead-this_read_is_recorded_in = This read is recorded in the audit log.
lead-timeline = Timeline
lead-full_summary = Full summary

## app: handover
handover-handed_over_to = Handed over to
handover-warm_handover_phoned_before_and = Warm handover (phoned before and after)

## app: measures
measures-when_the_level_of_unsafety = when the level of unsafety changes
measures-agree_a_measure = Agree a measure
measures-measure = Measure
measures-starts_now = Starts now
measures-first_point_of_contact_name = First point of contact (name)
measures-phone = Phone
measures-agree = Agree
measures-imposed_by = Imposed by
measures-change_the_arrangements = Change the arrangements
measures-name = Name
measures-save = Save
measures-not_a_valid_moment_date = not a valid moment (date and time)
measures-remove_rule = Remove rule
measures-who_calls = Who calls
measures-who_is_called = Who is called
measures-when = When
measures-say_when_to_call = say when to call
measures-add_call_rule = Add call rule
measures-who_informs = Who informs
measures-who_is_informed_e_g = Who is informed (e.g. school, GP)
measures-say_who_is_informed = say who is informed
measures-add = Add

## app: motorkap
motorkap-legal_ground = Legal ground
motorkap-what_was_shared_short = What was shared (short)
motorkap-om_contact_officer_required_before = OM contact (officer) — required before sharing
motorkap-record = Record
motorkap-shared = Shared

## app: safety
safety-children_present = Children present?
assessment-title = Safety assessment
assessment-confirm = Confirm the safety assessment (Veilig Thuis)
assessment-vt_worker_name = Name of the Veilig Thuis worker
assessment-confirm_by_phone = Assessed with VT (by phone)
assessment-confirmed_by = Confirmed
assessment-only_vt_or_police = Only Veilig Thuis (or the police, by phone with VT) confirms the safety assessment.

## app: errors (shown in both languages)
error-offline = no connection
error-session_expired = session expired, sign in again
error-wrong_pin = wrong PIN

# Refusals: why core does not record something, shown next to where it happened.
field-address_hint = Address hint
field-region = Region
field-summary = What was shared
field-relationship_ended_on = Relationship ended on
field-reason = Reason
field-note = Note
field-owner = Owner
field-first_contact_person = First point of contact (name)
field-phone = Phone
field-call_when = When to call
field-informs = Whom to inform
field-om_officer = Public prosecutor
field-vt_worker = Veilig Thuis worker
field-other = Field
refusal-not_uuid_v7 = Invalid entry from this device.
refusal-newer_schema = Written by a newer SamenOp: update the app.
refusal-author_name_missing = Your name is missing: sign in again.
refusal-empty = { $field }: please fill this in.
refusal-too_long = { $field }: at most { $max } characters.
refusal-date_in_future = { $field }: this date lies in the future.
refusal-reason_required = An acute professional judgement needs a written reason.
refusal-unknown_measure = This measure was never agreed in this case.
refusal-role_may_not_record = Only police and Veilig Thuis record in a case.
refusal-case_not_opened = This case has not been started.
refusal-case_already_opened = This case was already started.
refusal-shared_for_another_organisation = You can only record what your own organisation shares.
refusal-art9_without_om_contact = Art 9 Wpg: share information from a criminal investigation only after contact with the OM; record that contact first.
refusal-om_officer_missing = Name the public prosecutor consulted.
refusal-om_contact_after_sharing = The OM contact must come before the sharing.
refusal-ground_does_not_fit = { $ground }: { $from } → { $to } — this legal ground does not fit here.
refusal-same_organisation = Sharing is between two organisations, not within one.
refusal-empty_summary = Say briefly what was shared.
refusal-summary_too_long = At most { $max } characters: share only what is necessary.
refusal-condition_not_allowed = { $condition } is not possible with { $kind }.
refusal-ends_before_start = 'Until' lies before the measure's start.
refusal-vt_worker_name_required = Name the Veilig Thuis worker you assessed with by phone.
refusal-assessment_incomplete = The safety assessment cannot be confirmed yet. { $gap }
refusal-handover_blocked = Not yet ‘no longer acute’: { $blocker }

## Step 2: VT's eerste veiligheidsbeoordeling (004 l.27) and step 3 (gezamenlijk) onderzoek (004 l.189-207)
steps-first_safety_assessment = First safety assessment
steps-consultation = Briefing
steps-investigation_intro = Where possible Veilig Thuis, the police and the RvdK investigate together, so those involved are not burdened twice.
steps-agreements = Agreements about the investigation
steps-children = Children
steps-children_unknown = Not yet known whether there are children: go through these points.
steps-required = required
steps-done = done
steps-note = Note
steps-suspect = Suspect
steps-minor_roles = Minor suspect: the RvdK advises, youth probation supervises.
steps-declare_not_acute = No longer acute
