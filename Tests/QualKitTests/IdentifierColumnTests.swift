import Testing

@testable import QualKit

/// The identifier-column guard: column names as people write them, matched to identifier concepts.
@Suite struct IdentifierColumnTests {
    /// Real-world headers that name a direct identifier, with the concept each must be refused as.
    static let refused: [(String, String)] = [
        ("name", "personal name"), ("Name", "personal name"), ("Full Name", "personal name"),
        ("FullName", "personal name"), ("first_name", "personal name"), ("First name", "personal name"),
        ("Forename", "personal name"), ("Last Name", "personal name"), ("surname", "personal name"),
        ("Surname 2", "personal name"), ("Family name", "personal name"), ("given_names", "personal name"),
        ("Patient Name", "personal name"), ("PatientName", "personal name"), ("participant_name", "personal name"),
        ("Preferred name", "personal name"), ("Nickname", "personal name"), ("initials", "personal name"),
        ("nhsno", "NHS number (or CHI, H&C number)"), ("NHS No", "NHS number (or CHI, H&C number)"),
        ("NHS No.", "NHS number (or CHI, H&C number)"), ("nhs_number", "NHS number (or CHI, H&C number)"),
        ("NHSNumber", "NHS number (or CHI, H&C number)"), ("NHS", "NHS number (or CHI, H&C number)"),
        ("CHI number", "NHS number (or CHI, H&C number)"),
        ("Hospital Number", "hospital number / MRN"), ("hospital_no", "hospital number / MRN"),
        ("Hosp No", "hospital number / MRN"), ("MRN", "hospital number / MRN"),
        ("Medical Record Number", "hospital number / MRN"), ("Patient No.", "hospital number / MRN"),
        ("phone", "telephone number"), ("Phone Number", "telephone number"), ("Telephone", "telephone number"),
        ("Tel", "telephone number"), ("Tel No", "telephone number"), ("Mobile", "telephone number"),
        ("Mobile No", "telephone number"), ("mobile_number", "telephone number"), ("Home Phone", "telephone number"),
        ("Contact Number", "telephone number"), ("Landline", "telephone number"),
        ("email", "e-mail address"), ("E-mail", "e-mail address"), ("e_mail", "e-mail address"),
        ("Email Address", "e-mail address"), ("contact_email", "e-mail address"), ("Email 2", "e-mail address"),
        ("address", "postal address"), ("address_line_1", "postal address"), ("Address Line 2", "postal address"),
        ("Home Address", "postal address"), ("Street", "postal address"), ("addr1", "postal address"),
        ("House Number", "postal address"),
        ("Postcode", "postcode"), ("post_code", "postcode"), ("Postcode1", "postcode"), ("Post Code", "postcode"),
        ("Postal Code", "postcode"), ("zip", "postcode"), ("ZIP code", "postcode"),
        ("DOB", "date of birth"), ("D.O.B.", "date of birth"), ("date_of_birth", "date of birth"),
        ("Date of Birth", "date of birth"), ("DateOfBirth", "date of birth"), ("birthdate", "date of birth"),
        ("Birth Date", "date of birth"), ("birthday", "date of birth"), ("patient_dob", "date of birth"),
        ("NI Number", "National Insurance number"), ("National Insurance No", "National Insurance number"),
        ("NINO", "National Insurance number"), ("ni_no", "National Insurance number"),
        // The variants the issue names, written as they came.
        ("Surname", "personal name"), ("NHS_Number", "NHS number (or CHI, H&C number)"),
        ("CHI", "NHS number (or CHI, H&C number)"), ("D.O.B", "date of birth"), ("Tel.", "telephone number"),
        ("E-mail address", "e-mail address"), ("Mob", "telephone number"), ("Cell phone", "telephone number"),
        ("Forenames", "personal name"), ("name_of_participant", "personal name"), ("carer name", "personal name"),
        ("Patient\u{00A0}Name", "personal name"), ("  Email  ", "e-mail address"),
    ]

    /// Ordinary columns of a participant roster, which must pass.
    static let ordinary = [
        "age_band", "household", "household_type", "language", "first_language", "community", "gender",
        "consent_quotes", "consent_date", "consent_version", "prefers_gender", "prefers_same_community",
        "availability", "capacity", "ethnicity", "religion", "region", "borough", "interview_mode", "employment",
        "caring_role", "disability", "referral_route", "mobility", "nhs_trust", "country_of_birth",
        "marital_status", "long_term_condition", "imd_quintile", "service_name", "site_name", "age",
        "Interview Mode", "Age Band", "hotel_stay", "addiction_service",
        // Decided: free text and staff roles are not identifier concepts (their values are redacted
        // on the way out, not refused on the way in); a group's name is not a person's.
        "notes", "interviewer", "name_of_group", "group_name", "Team Name", "telehealth_use", "chinese_dialect",
        "dobson_score", "digital_access",
    ]

    @Test func theTableIsBigEnough() {
        #expect(Self.refused.count >= 40)
        #expect(Self.ordinary.count >= 20)
    }

    @Test(arguments: refused)
    func identifierColumnsAreRefused(_ column: String, _ concept: String) {
        #expect(PersonFields.identifierConcept(of: column)?.concept == concept, "\(column)")
        #expect(PersonFields.isDirectIdentifier(PersonFields.normalizedKey(column)))
    }

    @Test(arguments: ordinary)
    func ordinaryColumnsPass(_ column: String) {
        #expect(PersonFields.identifierConcept(of: column) == nil, "\(column)")
    }

    @Test func theRefusalNamesTheConcept() {
        #expect(
            PersonFields.identifierRefusal("mobile_no").hasPrefix(
                "'mobile_no' looks like a direct identifier (telephone number);"))
    }

    @Test func attributeKeysAreGuardedAndCanBeAllowed() throws {
        #expect(throws: PersonFields.Problem.self) { try PersonFields.attributeKey("Mobile No", allowed: []) }
        #expect(try PersonFields.attributeKey("Mobile No", allowed: ["mobile_no"]) == "mobile_no")
        #expect(try PersonFields.attributeKey("Age Band", allowed: []) == "age_band")
    }

    /// Interviewers have names; participants must not. `name` is an interviewer field, so the
    /// interviewer roster takes it while the participant roster refuses it.
    @Test func nameIsAnInterviewerFieldButNotAParticipantColumn() throws {
        let fixture = try TemporaryStudy(title: "Names")
        let interviewers = try fixture.write("interviewers.csv", "id,Name,languages\nINT1,Sam Khan,en\n")
        let report = try Roster(fixture.study).importInterviewers(path: interviewers, update: false, allowColumns: [])
        #expect(report.added == ["INT1"])
        let participants = try fixture.write("participants.csv", "id,Name,age_band\nP1,Jo Bloggs,30-39\n")
        #expect(throws: InvalidInput.self) {
            try Roster(fixture.study).importParticipants(path: participants, update: false, allowColumns: [])
        }
        // Other identifier columns are refused for interviewers too.
        let phones = try fixture.write("phones.csv", "id,name,Mobile No\nINT2,Ann Lee,07700 900123\n")
        #expect(throws: InvalidInput.self) {
            try Roster(fixture.study).importInterviewers(path: phones, update: false, allowColumns: [])
        }
    }
}
