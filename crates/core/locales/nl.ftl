# SamenOp catalogue (Dutch: the protocol terms are the source of truth).
# Simple Fluent subset: `key = value` on one line, `# comments`, placeables `{ $name }`.
# Vocabulary keys are `<enum>-<variant>` (snake_case); a longer text about a term adds a suffix.

## ac
organisation-police = Politie
organisation-veilig_thuis = Veilig Thuis
organisation-om = OM
organisation-judiciary = Rechter (ZM)
organisation-mayor = Burgemeester
organisation-rvdk = Raad voor de Kinderbescherming
organisation-reclassering = Reclassering (3RO)
organisation-shn = Slachtofferhulp
organisation-crisisdienst = Crisisdienst
organisation-gi = Gecertificeerde instelling
organisation-bewaken_beveiligen = Bewaken & Beveiligen
organisation-local_care = Lokale hulpverlening
organisation-network = Netwerk
organisation-jeugdreclassering = Jeugdreclassering
role-police = Politie
role-veilig_thuis = Veilig Thuis
role-shift_lead = Teamleider / dienstleider
role-admin = Beheerder

## ans
answer-yes = ja
answer-no = nee
answer-unknown = onbekend

## c
case_status-acute = acuut onveilig
case_status-contained = beheerst
case_status-not_assessed = nog niet beoordeeld
case_status-not_acute = niet acuut
case_status-handed_over = overgedragen

## ev
report_source-police_report = Melding bij politie
report_source-veilig_thuis_report = Melding bij Veilig Thuis
report_source-police_observation = Eigen waarneming politie
case_nature-partner_violence = Partnergeweld
case_nature-ex_partner_stalking = Ex-partnerstalking
case_nature-child_abuse = Kindermishandeling
case_nature-child_violence_to_parent = Geweld van kind tegen ouder
case_nature-honour_based_violence = Eergerelateerd geweld
case_nature-elder_abuse = Ouderenmishandeling
case_nature-other = Anders
field_key-children_present = Kinderen aanwezig
field_key-nature = Aard van de casus
field_key-relationship_ended_on = Relatie beëindigd op
field_key-suspect_has_access = Pleger heeft toegang tot slachtoffer
field_key-third_party_oversight = Zicht door derden
field_key-safety_assessment_confirmed = Veiligheidsbeoordeling bevestigd door Veilig Thuis
safety_assessment-on_scene = Bevestigd door Veilig Thuis ter plaatse
safety_assessment-by_phone_with = Beoordeeld met VT (telefonisch): { $name }
assessment_gap-unanswered = Nog niet beantwoord: { $question }
assessment_gap-not_confirmed = Nog niet bevestigd door Veilig Thuis
assessment_gap-changed_since_confirmation = Antwoorden gewijzigd na de bevestiging door Veilig Thuis: laat opnieuw bevestigen
field_key-network_has_access = Netwerk van verdachte heeft toegang tot slachtoffer
field_key-suspect_is_minor = Verdachte minderjarig
field_key-child_injury = Letsel of vermoeden van letsel bij kind
field_key-professional_judgement = Professioneel oordeel
field_key-sash_assessor_level = SASH-niveau
handover_key-handed_over_to = Overgedragen aan
handover_key-warm_handover = Warme overdracht
handover_key-response_mode = Wijze van optreden
handover_key-useful_information = Bruikbare informatie
handover_key-missing_information = Ontbrekende informatie
handover_key-declared = Niet meer acuut verklaard
event-acute = acuut
event-case_started = Casus gestart
event_kind-case_joined = Aangesloten bij de casus
event-information_shared = Informatie gedeeld
event-measure_agreed = Maatregel afgesproken

## hando
exit_condition-safety_assessment_made = Veiligheidsbeoordeling is gemaakt
exit_condition-investigation_done = Onderzoek is uitgevoerd
exit_condition-physically_safe = Betrokkenen zijn fysiek veilig
response_mode-in_person = Samen ter plaatse
response_mode-by_phone = Telefonisch
handover_blocker-still_acute = De situatie is nog acuut onveilig: hef de acute onveiligheid eerst op
handover-not_yet = Nog niet
handover-record_who_takes_over = Leg vast aan wie wordt overgedragen

## measu
framework-strafrechtelijk = Strafrechtelijk
framework-bestuursrechtelijk = Bestuursrechtelijk
framework-civielrechtelijk = Civielrechtelijk
framework-politie = Politie
framework-vrijwillig = Vrijwillig kader
measure_kind-aanhouding = Aanhouding (art. 53 Sv)
measure_kind-inverzekeringstelling = Inverzekeringstelling
measure_kind-voorgeleiding_rc = Voorgeleiding rechter-commissaris
measure_kind-schorsing_voorlopige_hechtenis = Schorsing voorlopige hechtenis met bijzondere voorwaarden
measure_kind-gedragsaanwijzing509hh = Gedragsaanwijzing (art. 509hh Sv)
measure_kind-tijdelijk_huisverbod = Tijdelijk huisverbod (10 dagen)
measure_kind-ots = (Voorlopige) ondertoezichtstelling
measure_kind-ots_uithuisplaatsing = (V)OTS met uithuisplaatsing
measure_kind-weghouden_art3_pw = Weghouden onder begeleiding politie (art. 3 Pw)
measure_kind-bewaken_en_beveiligen = Bewaken & Beveiligen
measure_kind-veiligheidsvoorwaarden = Veiligheidsvoorwaarden
measure_kind-veiligheidsafspraken = Veiligheidsafspraken
measure_kind-opvang = Opvang
special_condition-schadevergoeding = Schadevergoeding
special_condition-schadeherstel = Schadeherstel
special_condition-waarborgsom = Storten waarborgsom
special_condition-storting_schadefonds = Storting schadefonds geweldsmisdrijven
special_condition-contactverbod = Contactverbod
special_condition-locatieverbod = Locatieverbod
special_condition-locatiegebod = Locatiegebod
special_condition-gebiedsverbod = Gebiedsverbod
special_condition-meldplicht = Meldplicht
special_condition-elektronische_monitoring = Elektronische monitoring (enkelband)
special_condition-drugs_alcoholverbod = Drugs- en alcoholverbod
special_condition-klinische_behandeling = Opname in zorginstelling
special_condition-begeleid_wonen = Verblijf begeleid wonen of maatschappelijke opvang
special_condition-gedragsinterventie = Deelnemen aan gedragsinterventie
special_condition-begeleiding_hulpverlening = Meewerken aan hulpverlening
measure_status-agreed = afgesproken
measure_status-ended = beëindigd
measure_status-withdrawn = ingetrokken
deadline_kind-ovj_decision = Beslissing OvJ (9 uur na aanhouding)
deadline_kind-huisverbod_ends = Einde huisverbod
deadline_kind-measure_ends = Einde maatregel
deadline_kind-reassessment = Herbeoordeling
measure_attribute-owner = Uitvoering door
measure_attribute-started_at = Ingegaan
measure_attribute-until = Tot wanneer
measure_attribute-reassess_at = Herbeoordeling
measure_attribute-first_contact = Eerste aanspreekpunt
measure_attribute-call_tree = Wie belt wie wanneer
measure_attribute-informs = Wie informeert wie
measure_attribute-conditions = Voorwaarden
measure_attribute-status = Status

## s
sash_level-low = laag
sash_level-medium = gemiddeld
sash_level-high = hoog

## shar
info_category-known_to = Bekend bij (dat-informatie)
info_category-police_registrations = Registraties in politiesystemen
info_category-prior_agreements = Eerder gemaakte afspraken / plan van aanpak
info_category-protection_measures = Getroffen beschermingsmaatregelen
info_category-criminal_investigation = Lopend strafrechtelijk onderzoek (art. 9 Wpg)
info_category-probation_info = Advisering en toezicht reclassering
info_category-veilig_thuis_records = Informatie uit systemen Veilig Thuis
info_category-child_protection_info = Informatie Raad voor de Kinderbescherming
info_category-care_provider_info = Informatie betrokken hulpverlening
info_category-observations_on_scene = Bevindingen ter plaatse
legal_ground-avg_vital_interest = Art. 6 lid 1 sub d AVG (vitaal belang)
legal_ground-avg_wmo411 = Art. 6 lid 1 sub e AVG jo. art. 4.1.1 Wmo
legal_ground-wpg16_to_om = Art. 16 lid 1 sub a Wpg (aan OM)
legal_ground-wpg18_bpg42 = Art. 18 lid 1 Wpg jo. art. 4:2 lid 1 Bpg
legal_ground-wjsg39e = Art. 39e lid 1 Wjsg
legal_ground-wjsg39f = Art. 39f lid 1 Wjsg
legal_ground-avg_bw1238 = Art. 6 lid 1 sub e AVG jo. 1:238 lid 3 BW
legal_ground-avg_bw1238_wmo526 = Art. 6 lid 1 sub e AVG jo. 1:238 lid 3 BW jo. art. 5.2.6 Wmo
legal_ground-consent = Toestemming betrokkene (vastgelegd)

## st
step-fysieke_veiligheid = Fysieke veiligheid
step-motorkapoverleg = Motorkapoverleg
step-onderzoek = (Gezamenlijk) onderzoek
step-veiligheidsmaatregelen = Veiligheidsmaatregelen
step-niet_meer_acuut = Niet meer acuut?
safety_item-police_on_scene = Politie ter plaatse
safety_item-vt_phoned = Politie heeft Veilig Thuis gebeld
safety_item-safe_to_enter_told_vt = Politie heeft Veilig Thuis laten weten dat het veilig genoeg is om binnen te gaan
safety_item-vt_on_scene = Veilig Thuis ter plaatse
safety_item-vt_entered = Veilig Thuis is de woning binnengegaan
safety_item-residents_informed = Betrokkenen weten wie hun woning betreden en waarom
safety_item-departure_consulted = Telefonisch overleg met Veilig Thuis vóór vertrek politie
safety_item-police_left = Politie vertrokken
safety_item-all_involved_safe = Alle direct betrokkenen (ook kinderen) in beeld en fysiek veilig
safety_item-vt_not_coming_on_scene = VT komt niet ter plaatse (telefonisch/beeldbellen afgestemd)
safety_rule-police_signal_safe_to_enter = Veilig Thuis gaat pas naar binnen als de politie meldt dat het veilig is
safety_rule-no_departure_without_consultation = Politie vertrekt niet vóór Veilig Thuis er is zonder eerst telefonisch overleg
safety_rule-police_always_phone_vt = Politie neemt direct telefonisch contact op met Veilig Thuis
investigation_point-consultation = Wie overlegt met wie, wanneer
investigation_point-results_sharing = Welke onderzoeksresultaten delen, met wie, door wie
investigation_point-joint_interview = Gezamenlijk gesprek (één keer het verhaal vertellen)
investigation_point-child_check = Kindcheck gedaan
investigation_point-forensic_examination = Forensisch arts en Forensische Opsporing (letsel bij kind)
investigation_point-who_does_what = Wie welke onderzoekshandelingen verricht, in welke volgorde
investigation_point-factual_description = Feitelijke beschrijving van de aangetroffen situatie (foto's)
investigation_point-crime_scene = Woning als plaats delict: besproken met forensische en/of tactische opsporing
investigation_point-rights_explained = Rechten van slachtoffers en verdachten (o.a. recht op bijstand)
investigation_point-rvdk_consulted = Advies Raad voor de Kinderbescherming (vrijwillig of gedwongen kader; spoed OTS/UHP)
investigation_point-vt_report_per_child = VT-melding per kind
investigation_point-child_heard_by_vt_or_rvdk = Kind gesproken door VT of RvdK
investigation_point-child_spared = Kind niet onnodig uit veilige omgeving, niet vaker gesproken dan nodig

## summ
timeline_kind-report_received = Melding ontvangen
timeline_kind-case_opened = Casus geopend in SamenOp
timeline_kind-declared_not_acute = Niet meer acuut verklaard

## tri
criterion-offence8_years-explanation = Vermoeden van een strafbaar feit waarop 8 jaar of meer staat: dan is er in beginsel acute onveiligheid.
criterion-firearm-explanation = Vuurwapengebruik of -bezit.
criterion-injury_or_strangulation-explanation = Geweld waarbij letsel is toegebracht of veroorzaakt, of (poging tot) verwurging.
criterion-violence_in_pregnancy-explanation = Geweld of dreiging met geweld tijdens de zwangerschap van het slachtoffer.
criterion-sexual_abuse-explanation = (Vermoeden van) seksueel misbruik.
criterion-withholding_care-explanation = Onthouden van zorg aan kind of volwassene waardoor de fysieke gezondheid acuut wordt bedreigd (geen voedsel, medische zorg of verzorging).
criterion-intimate_terror_recent_breakup-explanation = Intiem terreur of geweld bij een relatie die tot 2 weken geleden is verbroken: controle, intimidatie, dreiging, isolatie.
criterion-threat_of_violence-explanation = Aankondigen van of dreigen met geweld, vrouwelijke genitale verminking, doden of vrijheidsbeneming.
criterion-stalking_with_fear-explanation = Patroon van ongewenste contacten, en het slachtoffer is erg bang dat de (ex-)partner ernstig letsel toebrengt of doodt.
criterion-breach_of_safety_conditions-explanation = Eerder opgelegde veiligheidsvoorwaarden of gemaakte veiligheidsafspraken zijn geschonden.
criterion-offence8_years = 8-jaarsfeit
criterion-firearm = Vuurwapen
criterion-injury_or_strangulation = Letsel of verwurging
criterion-violence_in_pregnancy = Geweld tijdens zwangerschap
criterion-sexual_abuse = Seksueel misbruik
criterion-withholding_care = Onthouden van zorg
criterion-intimate_terror_recent_breakup = Intiem terreur bij recent verbroken relatie
criterion-threat_of_violence = Dreiging met geweld
criterion-stalking_with_fear = Stalking met doodsangst
criterion-breach_of_safety_conditions = Schending veiligheidsvoorwaarden of -afspraken
acute_reason-professional_judgement = Professioneel oordeel
acute_reason-sash_high = SASH: hoog niveau van ongerustheid
lifting_route-kept_away_art3_pw = Verdachte onder begeleiding van politie weggehouden (art. 3 Pw)
lifting_route-arrested_art53_sv = Verdachte aangehouden (art. 53 Sv)
lifting_route-plan_with_oversight = Plan voor directe veiligheid én zicht op veiligheid door derden
triage_status-acute = acuut onveilig
triage_status-contained = beheerst
triage_status-undetermined = nog niet beoordeeld
triage_status-not_acute = niet acuut
reassess_moment-arrest_decision = Opnieuw beoordelen vóór het besluit tot aanhouding
reassess_moment-release_of_suspect = Opnieuw beoordelen vóór vrijlating van de verdachte
reassess_moment-police_departure = Opnieuw beoordelen vóór de politie vertrekt (art 3 Pw duurt alleen zolang de politie blijft)
triage_warning-downgrade_ignored = Professioneel oordeel kan acute onveiligheid niet verlagen; het is genegeerd
triage_warning-no_release_without_safety_measures = Geen vrijlating zonder (juridische) veiligheidsmaatregelen
triage_warning-breakup_outside14_days = Relatie langer dan 2 weken geleden verbroken: telt niet als acuut criterium. Overweeg stalking, de SASH of een professioneel oordeel
missing_info-relationship_ended_on = Datum einde relatie
structural_category-lichamelijk_geweld-examples = Lichamelijke mishandeling, met of zonder verwondingen.
structural_category-psychisch_geweld-examples = Dreigen, vernederen, intimideren, (digitale) stalking, opsluiting of isolatie, huisvredebreuk, vernielingen, partnergeweld, kinderen getuige van geweld, conflictscheiding.
structural_category-seksueel_geweld-examples = (Vermoedens van) seksueel misbruik, gedwongen prostitutie, online seksueel geweld, kinderen getuige van seksuele handelingen.
structural_category-verwaarlozing-examples = Lichamelijke of psychische verwaarlozing, onthouden van medische of psychiatrische zorg.
structural_category-bijzondere_vormen-examples = Financiële uitbuiting, eergerelateerd geweld, huwelijksdwang of achterlating, mensenhandel, PCF, dierenmishandeling, criminele uitbuiting.
structural_category-lichamelijk_geweld = Lichamelijk geweld
structural_category-psychisch_geweld = Psychisch geweld
structural_category-seksueel_geweld = Seksueel geweld
structural_category-verwaarlozing = Verwaarlozing
structural_category-bijzondere_vormen = Bijzondere vormen van geweld

## w
reject_code-conflicting_content = een andere vastlegging met hetzelfde kenmerk staat al op de server
reject_code-forbidden = geen toegang: de casus hoort bij een andere regio of u mag hier niet vastleggen
reject_code-author_mismatch = de vastlegging staat op naam van een ander account
reject_code-invalid = voldoet niet aan de protocolregels
reject_code-unknown_case = de casus is onbekend bij de server

## summary
summary-on_scene_summary = Samenvatting ter plaatse
summary-report = Melding
summary-nature = Aard
summary-on_scene = Ter plaatse
summary-timeline = Verloop
summary-attention = Let op
summary-not_followed = Niet gevolgd
summary-still_unknown = Nog onbekend
summary-missing = Ontbreekt
summary-structural_unsafety = Structurele onveiligheid
summary-information_shared = Gedeelde informatie
summary-safety_measures = Veiligheidsmaatregelen
summary-conflicting_entries = Tegenstrijdige invoer
summary-or = of
summary-handover = Overdracht

## sash
sash_item-nothing_to_lose = Heeft betrokkene een punt bereikt waar hij/zij niets meer te verliezen heeft?
sash_item-fear_of_death = Is de (ex-)partner erg bang voor geweld: is er sprake van doodsangst?
sash_item-sought_proximity = Heeft betrokkene fysiek toenadering tot het slachtoffer gezocht?
sash_item-threatens_victim = Bedreigt of intimideert betrokkene het slachtoffer of diens naasten?
sash_item-entered_home = Heeft betrokkene zich zonder toestemming toegang tot de woning verschaft?
sash_item-damaged_or_stole = Heeft betrokkene expres spullen van het slachtoffer vernield of gestolen?
sash_item-ignored_warning_or_conditions = Heeft betrokkene een politiewaarschuwing genegeerd of voorwaarden (contact-/gebiedsverbod) overtreden?
sash_item-escalating = Wordt de stalking of het overlastgevende gedrag erger?
sash_item-must_keep_contact = Moet het slachtoffer contact onderhouden met betrokkene?
sash_item-earlier_victims = Heeft betrokkene eerder hetzelfde of een ander slachtoffer lastiggevallen of gestalkt?
sash_item-history_of_violence = Heeft betrokkene een geschiedenis van fysiek of seksueel geweld?
sash_item-mental_health = Heeft betrokkene psychische problemen of praat hij/zij over zelfmoord?
sash_item-substance_use = Heeft betrokkene problemen door middelengebruik?
sash_item-recent_loss = Heeft betrokkene recent een ingrijpend verlies geleden?
sash_item-possessive_jealous = Is betrokkene extreem bezitterig of jaloers?
sash_item-disputes_children_or_property = Zijn er conflicten of juridische geschillen over omgang met kinderen of gedeelde bezittingen?

## server PDF (always Dutch; English for completeness)
pdf-title = SamenOp — Samenvatting ter plaatse
pdf-document_title = SamenOp samenvatting ter plaatse { $case }
pdf-case = Casus: { $id }
pdf-generated = Opgesteld: { $at }, opgevraagd door { $by }
pdf-recorded_by = Vastgelegd door (persoon en organisatie per onderdeel)
pdf-time_entered_by = tijdstip ingevoerd door { $by }
pdf-not_recorded = niet vastgelegd
pdf-measure_line = { $measure } — afgesproken door { $by }; uitvoering: { $owner }
pdf-page_footer = { $case } — pagina { $page } van { $total }

## app: the app's own words (the typed Texts in src/i18n)
app-app_name = SamenOp
app-login_title = Inloggen
app-server = Server
app-username = Gebruikersnaam
app-password = Wachtwoord
app-log_in = Inloggen
app-logging_in = Bezig met inloggen…
app-set_pin_title = Kies een pincode
app-set_pin_help = Met deze pincode ontgrendel je SamenOp, ook zonder netwerk. Alles op dit toestel wordt ermee versleuteld.
app-pin = Pincode
app-save_pin = Pincode opslaan
app-unlock_title = Ontgrendelen
app-unlock = Ontgrendel
app-lock = Vergrendel
app-pin_too_short = Gebruik minstens 5 cijfers.
app-my_cases = Mijn casussen
app-new_case = Nieuwe casus
app-join_case = Aansluiten bij casus
app-no_cases = Nog geen casussen op dit toestel.
app-reported_at = Melding om
app-address_hint = Adreshint (kort)
app-start_case = Start casus
app-unsynced = niet gesynchroniseerd
app-back = Terug
app-offline = Offline
app-syncing = Synchroniseren…
app-synced = Gesynchroniseerd
app-unreadable = Serverantwoord onleesbaar
app-pending = wachtend
app-not_sent = Niet verzonden
app-not_sent_help = De server heeft dit geweigerd; collega's zien het niet. Leg het zo nodig opnieuw vast.
app-events_recorded = vastleggingen in deze casus
app-yes = Ja
app-no = Nee
app-unknown = Onbekend
app-result = Uitkomst
app-why = Waarom
app-open_questions = Nog onbekend
app-suspect_access = Heeft verdachte toegang tot het slachtoffer of derden?
app-oversight = Is er zicht op de situatie door derden?
app-network_access = Heeft het netwerk van de verdachte (bijvoorbeeld familie bij eergerelateerd geweld) toegang tot het slachtoffer of derden?
app-lifting = Hoe is de acute onveiligheid opgeheven?
app-professional_judgement = Professioneel oordeel
app-reason = Reden
app-raise_to_acute = Verhoog naar acuut onveilig
app-relationship_ended_on = Datum einde relatie
app-conflicts = Tegenstrijdige invoer
app-keep_this = Deze aanhouden
app-call_vt = Bel Veilig Thuis
app-language = English
app-summary = Samenvatting
app-print = Afdrukken
app-error_prefix = Fout

## app: lead
lead-shift_leads_only = Alleen voor dienstleiders.
lead-cases = Casussen
lead-measures = Maatregelen
lead-figures = Cijfers
lead-views = Overzichten
lead-every_read_of_a_case = Elke inzage van een casus wordt vastgelegd in het auditlogboek.
lead-cases_in_the_region = Casussen in de regio
lead-no_cases_yet = Nog geen casussen.
lead-today = Vandaag{ " " }
lead-children = kinderen
lead-conflict = tegenstrijdig
lead-measure_due = maatregel verloopt
lead-open_measures = Openstaande maatregelen
lead-what_expires_or_needs_re = Wat het eerst afloopt of opnieuw beoordeeld moet worden staat bovenaan.
lead-no_open_measures = Geen openstaande maatregelen.
lead-overdue = Verlopen:{ " " }
lead-no_deadline_agreed = Geen termijn afgesproken
lead-owner = Uitvoering
lead-call = Bellen
lead-open_case = Casus bekijken
lead-figures_per_week = Cijfers per week
lead-joint_responses_of_police_and = Gezamenlijke inzetten politie en Veilig Thuis, geteld uit de vastleggingen ter plaatse.
lead-joint_responses = Gezamenlijke inzetten
lead-week = Week
lead-joint = Samen
lead-in_person = Ter plaatse
lead-report_vt_median_min = Melding → VT (mediaan, min)
lead-time_from_report_to_veilig = Tijd van melding tot contact met Veilig Thuis
lead-interventions_used = Ingezette interventies
lead-information_that_proved_useful = Informatie die bruikbaar bleek
lead-information_that_was_missing = Informatie die ontbrak
lead-joint_responses_per_week_in = Gezamenlijke inzetten per week: ter plaatse, telefonisch, onbekend
lead-legend_in_person = { " " }ter plaatse{ "  " }
lead-legend_by_phone = { " " }telefonisch{ "  " }
lead-legend_not_recorded = { " " }niet vastgelegd
lead-median_minutes_from_report_to = Mediaan minuten van melding tot contact met Veilig Thuis per week
lead-this_read_is_recorded_in = Deze inzage is vastgelegd in het auditlogboek.
lead-timeline = Tijdlijn
lead-full_summary = Volledige samenvatting

## app: handover
handover-handed_over_to = Overdracht aan
handover-warm_handover_phoned_before_and = Warme overdracht (vooraf en achteraf gebeld)

## app: measures
measures-when_the_level_of_unsafety = bij verandering in de mate van onveiligheid
measures-agree_a_measure = Maatregel afspreken
measures-measure = Maatregel
measures-starts_now = Gaat nu in
measures-first_point_of_contact_name = Eerste aanspreekpunt (naam)
measures-phone = Telefoon
measures-agree = Afspreken
measures-imposed_by = Opgelegd door
measures-change_the_arrangements = Afspraken wijzigen
measures-name = Naam
measures-save = Opslaan
measures-not_a_valid_moment_date = geen geldig tijdstip (dag en tijd)
measures-remove_rule = Regel verwijderen
measures-who_calls = Wie belt
measures-who_is_called = Wie wordt gebeld
measures-when = Wanneer
measures-say_when_to_call = vul in wanneer er gebeld wordt
measures-add_call_rule = Belafspraak toevoegen
measures-who_informs = Wie informeert
measures-who_is_informed_e_g = Wie wordt geïnformeerd (bijv. school, huisarts)
measures-say_who_is_informed = vul in wie geïnformeerd wordt
measures-add = Toevoegen

## app: motorkap
motorkap-legal_ground = Grondslag
motorkap-what_was_shared_short = Wat is gedeeld (kort)
motorkap-om_contact_officer_required_before = Contact met OM (naam officier) — verplicht vóór delen
motorkap-record = Vastleggen
motorkap-shared = Gedeeld

## app: safety
safety-children_present = Kinderen aanwezig?
assessment-title = Veiligheidsbeoordeling
assessment-confirm = Veiligheidsbeoordeling bevestigen (Veilig Thuis)
assessment-vt_worker_name = Naam medewerker Veilig Thuis
assessment-confirm_by_phone = Beoordeeld met VT (telefonisch)
assessment-confirmed_by = Bevestigd
assessment-only_vt_or_police = Alleen Veilig Thuis (of de politie, telefonisch met VT) bevestigt de veiligheidsbeoordeling.

## app: errors (shown in both languages)
error-offline = geen verbinding
error-session_expired = sessie verlopen, log opnieuw in
error-wrong_pin = onjuiste pincode

# Refusals: why core does not record something, shown next to where it happened.
field-address_hint = Adresaanduiding
field-region = Regio
field-summary = Wat is gedeeld
field-relationship_ended_on = Relatie beëindigd op
field-reason = Reden
field-note = Notitie
field-owner = Uitvoerder
field-first_contact_person = Eerste aanspreekpunt (naam)
field-phone = Telefoon
field-call_when = Wanneer bellen
field-informs = Wie informeren
field-om_officer = Officier van justitie
field-vt_worker = Medewerker Veilig Thuis
field-other = Veld
refusal-not_uuid_v7 = Ongeldige invoer van dit toestel.
refusal-newer_schema = Geschreven door een nieuwere versie van SamenOp: werk de app bij.
refusal-author_name_missing = Uw naam ontbreekt: log opnieuw in.
refusal-empty = { $field }: vul dit in.
refusal-too_long = { $field }: maximaal { $max } tekens.
refusal-date_in_future = { $field }: deze datum ligt in de toekomst.
refusal-reason_required = Een professioneel oordeel 'acuut' vraagt een geschreven reden.
refusal-unknown_measure = Deze maatregel is in deze casus niet afgesproken.
refusal-role_may_not_record = Alleen politie en Veilig Thuis leggen vast in een casus.
refusal-case_not_opened = Deze casus is (nog) niet gestart.
refusal-case_already_opened = Deze casus is al gestart.
refusal-shared_for_another_organisation = U kunt alleen vastleggen wat uw eigen organisatie deelt.
refusal-art9_without_om_contact = Art. 9 Wpg: informatie uit een strafrechtelijk onderzoek pas delen na contact met het OM; leg dat contact eerst vast.
refusal-om_officer_missing = Noem de officier van justitie met wie contact was.
refusal-om_contact_after_sharing = Het contact met het OM moet vóór het delen liggen.
refusal-ground_does_not_fit = { $ground }: { $from } → { $to } — deze grondslag past hier niet.
refusal-same_organisation = Delen gaat tussen twee organisaties, niet binnen één.
refusal-empty_summary = Beschrijf kort wat is gedeeld.
refusal-summary_too_long = Maximaal { $max } tekens: deel alleen wat nodig is.
refusal-condition_not_allowed = { $condition } kan niet bij { $kind }.
refusal-ends_before_start = 'Tot' ligt vóór het begin van de maatregel.
refusal-vt_worker_name_required = Noem de medewerker van Veilig Thuis met wie telefonisch is beoordeeld.
refusal-assessment_incomplete = De veiligheidsbeoordeling kan nog niet worden bevestigd. { $gap }
refusal-handover_blocked = Nog niet ‘niet meer acuut’: { $blocker }

## Step 2: VT's eerste veiligheidsbeoordeling (004 l.27) and step 3 (gezamenlijk) onderzoek (004 l.189-207)
steps-first_safety_assessment = Eerste veiligheidsbeoordeling
steps-consultation = Overleg
steps-investigation_intro = Waar mogelijk doen Veilig Thuis, de politie en de RvdK delen van het onderzoek samen, zodat betrokkenen niet onnodig dubbel belast worden.
steps-agreements = Afspraken over het onderzoek
steps-children = Kinderen
steps-children_unknown = Nog niet bekend of er kinderen zijn: loop deze punten na.
steps-required = verplicht
steps-done = gedaan
steps-note = Toelichting
steps-suspect = Verdachte
steps-minor_roles = Minderjarige verdachte: de RvdK adviseert, de jeugdreclassering houdt toezicht.
steps-declare_not_acute = Niet meer acuut
