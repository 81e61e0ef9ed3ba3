import Foundation
import QualKit
import Testing

/// Files as people are handed them, end to end: Excel's separators and encodings, UK dates,
/// misspelt columns, transcript dialects and the errors for the ones refused.
@Suite struct DialectCommandTests {
    func utf16LE(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        return bytes
    }

    @Test func semicolonCSVWithUKDatesAndBOM() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write(
            "people.csv",
            "\u{FEFF}id;languages;consent_quotes;consent_date;household\r\nTC-001;\"ur,en\";yes;01/02/2024;alone\r\nTC-002;en;no;2024-03-05;shared\r\n\r\n"
        )
        let result = try box.run(["participant", "import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try box.count("SELECT count(*) FROM participant WHERE id = 'TC-001' AND consent_date = '2024-02-01'") == 1)
        #expect(try box.count("SELECT count(*) FROM participant_attribute WHERE key = 'household'") == 2)
    }

    @Test func excelUnicodeTextIsTabSeparatedUTF16() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write(
            "people.txt",
            bytes: utf16LE("id\tgender\tcommunity\r\nTC-001\tf\tSylheti Bangladeshi\r\nTC-002\tm\tPolish\r\n"))
        let result = try box.run(["participant", "import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try box.count("SELECT count(*) FROM participant WHERE community = 'Sylheti Bangladeshi'") == 1)
    }

    @Test func aFailedHeaderSaysHowTheFileWasRead() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write("people.csv", bytes: utf16LE("ident\tgender\r\nTC-001\tf\r\n"))
        let result = try box.run(["participant", "import", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("no 'id' column"))
        #expect(result.stderr.contains("(read as UTF-16 LE with BOM, tab-separated)"))
    }

    @Test func impossibleAndAmericanDatesAreRefused() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write("people.csv", "id,consent_date\nTC-001,31/02/2024\nTC-002,02/13/2024\n")
        let result = try box.run(["participant", "import", file])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "\(file):2: bad consent_date '31/02/2024': expected a date as YYYY-MM-DD or DD/MM/YYYY"))
        #expect(result.stderr.contains("\(file):3: bad consent_date '02/13/2024'"))
        #expect(try box.count("SELECT count(*) FROM participant") == 0)
        #expect(CalendarDate("1/2/2024")?.description == "2024-02-01")
        #expect(CalendarDate("29/02/2023") == nil)
        #expect(CalendarDate("29/02/2024")?.description == "2024-02-29")
    }

    @Test func misspeltColumnsAreRefusedUnlessDeclared() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write(
            "people.csv", "id,availabilty,consent_qoutes,borough\nTC-001,sat 10:00-12:00,yes,Riverside\n")
        let refused = try box.run(["participant", "import", file])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("unknown column 'availabilty' (did you mean 'availability'?)"))
        #expect(refused.stderr.contains("--attribute availabilty"))
        #expect(refused.stderr.contains("unknown column 'consent_qoutes' (did you mean 'consent_quotes'?)"))
        #expect(!refused.stderr.contains("'borough'"))
        #expect(try box.count("SELECT count(*) FROM participant") == 0)

        let declared = try box.run([
            "participant", "import", file, "--attribute", "availabilty", "--attribute", "Consent Qoutes",
        ])
        #expect(declared.status == 0, "\(declared.stderr)")
        #expect(try box.count("SELECT count(*) FROM participant_attribute WHERE key = 'availabilty'") == 1)
        #expect(try box.count("SELECT count(*) FROM participant WHERE consent_quotes = 1") == 0)

        let prefixed = try box.write("more.csv", "id,attr_availabilty,consented\nTC-002,weekends,yes\n")
        let consent = try box.run(["participant", "import", prefixed])
        #expect(consent.status == 65)
        #expect(consent.stderr.contains("unknown column 'consented'"))
        let fixed = try box.write("fixed.csv", "id,attr_availabilty\nTC-002,weekends\n")
        #expect(try box.run(["participant", "import", fixed]).status == 0)
        #expect(
            try box.count(
                "SELECT count(*) FROM participant_attribute WHERE participant = 'TC-002' AND key = 'availabilty'") == 1)
    }

    @Test func interviewerFileMisspellingIsRefused() throws {
        let box = try Sandbox()
        try box.initStudy()
        let file = try box.write("iv.csv", "id,name,capacty\nIV01,Amina K,3\n")
        let result = try box.run(["interviewer", "import", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("(did you mean 'capacity'?)"))
    }

    @Test func csvOutputTakesABOM() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.addParticipant("TC-001", [("gender", "f")]) }
        let withBOM = try box.run(["participant", "list", "--format", "csv", "--bom"])
        #expect(withBOM.status == 0)
        #expect(withBOM.stdout.hasPrefix("\u{FEFF}id,"))
        let table = try box.run(["participant", "list", "--bom"])
        #expect(!table.stdout.hasPrefix("\u{FEFF}"))
        #expect(try box.run(["participant", "list", "--format", "csv"]).stdout.hasPrefix("id,"))
        // Commands without a csv format do not take it.
        #expect(try box.run(["participant", "add", "TC-002", "--bom"]).status == 64)
    }

    @Test func transcriptNamedWithWordsSaysToUseParticipant() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.addParticipant("CA-07") }
        let file = try box.write(
            "Interview with CA-06 2024-02-01.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nInterviewer: Hello.\n")
        let result = try box.run(["transcript", "import", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("unknown interview or participant"))
        #expect(result.stderr.contains("--participant ID"))
        #expect(try box.count("SELECT count(*) FROM transcript") == 0)
    }

    @Test func zoomChatLogIsRefusedWithItsName() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.addParticipant("TC-001") }
        let file = try box.write("TC-001.txt", "10:02:15 From Amina K to Everyone: Hello all\n")
        let result = try box.run(["transcript", "import", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(file):1: this is a Zoom chat log"))
        #expect(try box.count("SELECT count(*) FROM transcript") == 0)
    }

    @Test func captionFileImportsOneSegmentPerCueAndWarns() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { try $0.addParticipant("TC-001") }
        var text = "WEBVTT\n\n"
        for index in 1...12 {
            text +=
                "\(index)\n00:00:\(10 + index).000 --> 00:00:\(10 + index).800\nThis is caption number \(index).\n\n"
        }
        let file = try box.write("TC-001.vtt", text)
        let result = try box.run(["transcript", "import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("12 segments"))
        #expect(result.stdout.contains("read as: captions without speakers"))
        #expect(result.stderr.contains("warning: no speaker labels found"))
        #expect(try box.count("SELECT count(*) FROM segment WHERE transcript = 'TC-001' AND speaker = ''") == 12)
    }

    @Test func curlyAndStraightQuotesMatchInTagAndSearch() throws {
        let box = try Sandbox()
        try box.initStudy()
        try box.build { study in
            try study.addParticipant("TC-001")
            try study.addCodes(["barrier.stigma"])
            try study.addCoder("AB")
        }
        let file = try box.write("TC-001.txt", "Interviewer: Why?\nTC-001: I didn’t want them to say “she’s mad”.\n")
        #expect(try box.run(["transcript", "import", file]).status == 0)
        let tagged = try box.run([
            "tag", "TC-001", "2", "barrier.stigma", "--coder", "AB", "--quote", "didn't want them to say \"she's mad\"",
        ])
        #expect(tagged.status == 0, "\(tagged.stderr)")
        // The stored text is the transcript's, curly quotes and all.
        #expect(tagged.stdout.contains("\"didn’t want them to say “she’s mad”\""))
        let search = try box.run(["search", "didn't"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("TC-001"))
        #expect(try box.run(["search", "“she’s mad”"]).stdout.contains("TC-001"))
    }
}
