import Foundation
import Testing

@testable import QualKit

@Suite struct FidelityTests {
    static let guide = """
        ---
        id: fid
        title: Fidelity test
        version: 1
        language: en
        ---
        # Part one {#one}

        ## Can you tell me about yourself and who you live with? {#household}
        Themes: context.household

        ## What does a usual week look like for you? {#routine}

        ## What do you know about the mental health services in your area? {#services}
        Themes: barrier.awareness

        ## What might stop someone in your community from asking for help? {#stops}
        Themes: barrier.stigma

        ## What would make it easier for you to get support? {#easier}

        ## Is there anything else you would like to tell us? {#else}

        """

    static let urdu = """
        ---
        id: fid
        title: Fidelity test
        version: 1
        language: ur
        translation-of: en
        ---
        # حصہ اول {#one}

        ## کیا آپ مجھے اپنے بارے میں اور اپنے ساتھ رہنے والوں کے بارے میں کچھ بتا سکتے ہیں؟ {#household}
        Themes: context.household

        ## آپ کا ایک عام ہفتہ کیسا گزرتا ہے؟ {#routine}

        ## آپ مقامی ذہنی صحت کی خدمات کے بارے میں کیا جانتے ہیں؟ {#services}
        Themes: barrier.awareness

        ## آپ کی برادری میں کسی کو مدد مانگنے سے کیا چیز روک سکتی ہے؟ {#stops}
        Themes: barrier.stigma

        ## آپ کے لیے مدد حاصل کرنا کس چیز سے آسان ہو جائے گا؟ {#easier}

        ## کیا آپ ہمیں کچھ اور بتانا چاہیں گے؟ {#else}

        """

    /// E1 (English, interviewer IV1): household verbatim, a probe, services and stops in one turn
    /// (both paraphrased), easier, then routine paraphrased and out of order; else skipped.
    /// E2 (English, no interviewer): household and else. U1 (Urdu): household verbatim, services
    /// reworded, stops verbatim.
    func study() throws -> TemporaryStudy {
        let fixture = try TemporaryStudy()
        _ = try ProtocolLoader.load(
            [
                .init(path: "fid.md", bytes: Array(Self.guide.utf8)),
                .init(path: "fid.ur.md", bytes: Array(Self.urdu.utf8)),
            ], into: fixture.study)
        try fixture.codes(["context.household", "barrier.awareness", "barrier.stigma.family", "barrier.waiting"])
        try fixture.coders(["AB"])
        _ = try Roster(fixture.study).addInterviewer("IV1", fields: [("name", "Ann")])
        for id in ["E1", "E2", "U1"] { try fixture.participant(id) }
        try fixture.transcript(
            "E1",
            turns: [
                "Can you tell me about yourself and who you live with?",
                "I live with my mum and two brothers.",
                "Who else is at home during the day?",
                "Nobody, they all work.",
                "What do you know about mental health services around here? And what might stop people in your community from asking for help?",
                "Not much. Shame stops people going.",
                "Thinking ahead, what would make it easier for you to get support?",
                "Evening appointments would help.",
                "Going back a bit, tell me how your weeks usually look.",
                "Busy with college and work.",
            ])
        try fixture.transcript(
            "E2",
            turns: [
                "Can you tell me about yourself and who you live with?", "On my own.",
                "Is there anything else you would like to tell us?", "No, that's all.",
            ])
        try fixture.transcript(
            "U1",
            turns: [
                "کیا آپ مجھے اپنے بارے میں اور اپنے ساتھ رہنے والوں کے بارے میں کچھ بتا سکتے ہیں؟",
                "میں اپنے خاندان کے ساتھ رہتی ہوں۔",
                "مقامی ذہنی صحت کی خدمات کے بارے میں آپ کیا جانتے ہیں؟", "زیادہ نہیں۔",
                "آپ کی برادری میں کسی کو مدد مانگنے سے کیا چیز روک سکتی ہے؟", "شرم۔",
            ])
        let interviews = InterviewStore(fixture.study)
        for (participant, interviewer, language) in [("E1", "IV1", "en"), ("E2", nil, "en-GB"), ("U1", nil, "ur")] {
            let id = try #require(interviews.interviews(where: .participant(participant)).first).id
            _ = try InterviewLog(fixture.study).update(
                id,
                changes: .init(interviewer: interviewer, protocolReference: "fid@1", language: language))
        }
        try fixture.tag("E1", 2, "context.household", by: "AB")
        try fixture.tag("E1", 6, "barrier.stigma.family", by: "AB")
        try fixture.tag("E1", 6, "barrier.waiting", by: "AB")
        return fixture
    }

    @Test func questionsAskedVerbatimParaphrasedTogetherSkippedAndOutOfOrder() throws {
        let fixture = try study()
        let result = try Fidelity.run(fixture.study)
        #expect(result.interviews.map(\.interview).count == 3)
        let e1 = try #require(result.interviews.first { $0.transcript == "E1" })
        #expect(e1.language == "en")
        #expect(e1.interviewer == "IV1")
        #expect(e1.asked.map(\.question) == ["household", "services", "stops", "easier", "routine"])
        #expect(e1.asked.map(\.turn) == [1, 5, 5, 7, 9])
        #expect(e1.asked.map(\.outOfOrder) == [false, false, false, false, true])
        #expect(e1.asked[0].similarity == 1)
        #expect(e1.asked.allSatisfy { $0.similarity >= Fidelity.defaultThreshold })
        // The participant's words straight after the turn, before the probe at turn 3.
        #expect(e1.asked[0].participantWords == 8)
        #expect(e1.asked[1].participantWords == 6)
        #expect(e1.notAsked == ["else"])
    }

    @Test func translatedGuideIsUsedForTheInterviewLanguage() throws {
        let fixture = try study()
        let result = try Fidelity.run(fixture.study, transcripts: ["U1"])
        let u1 = try #require(result.interviews.first)
        #expect(result.interviews.count == 1)
        #expect(u1.language == "ur")
        #expect(u1.asked.map(\.question) == ["household", "services", "stops"])
        #expect(u1.asked.map(\.similarity) == [1, 1, 1])
        #expect(u1.notAsked == ["routine", "easier", "else"])
        // en-GB has no translation of its own: the English text.
        let e2 = try #require(try Fidelity.run(fixture.study, transcripts: ["E2"]).interviews.first)
        #expect(e2.language == "en")
        #expect(e2.asked.map(\.question) == ["household", "else"])
    }

    @Test func summariesPerQuestionAndInterviewer() throws {
        let fixture = try study()
        let result = try Fidelity.run(fixture.study)
        let asked = Dictionary(uniqueKeysWithValues: result.questions.map { ($0.question, ($0.asked, $0.of)) })
        #expect(asked["household"]! == (3, 3))
        #expect(asked["routine"]! == (1, 3))
        #expect(asked["else"]! == (1, 3))
        #expect(result.neverAsked.isEmpty)
        #expect(result.interviewers.map(\.interviewer) == ["(none)", "IV1"])
        #expect(result.interviewers[1].asked == 5 && result.interviewers[1].of == 6)
        #expect(result.interviewers[0].asked == 5 && result.interviewers[0].of == 12)
        let only = try Fidelity.run(fixture.study, transcripts: ["E2"])
        #expect(only.neverAsked.map(\.question) == ["routine", "services", "stops", "easier"])
    }

    /// Answers to household: E1 turn 2 (coded context.household), E2 turn 2, U1 turn 2 (not coded).
    /// Services and stops share E1's answer turn 6 (barrier.stigma.family, barrier.waiting).
    @Test func themesElicitedOnASmallCodedStudy() throws {
        let fixture = try study()
        let result = try Fidelity.run(fixture.study)
        let rows = result.themesElicited.map { "\($0.question) \($0.theme) \($0.interviews)/\($0.of)" }
        #expect(
            rows == [
                "household context.household 1/3", "services barrier.awareness 0/2", "stops barrier.stigma 1/2",
            ])
        let others = result.otherThemes.map { "\($0.question) \($0.code) \($0.interviews)" }
        #expect(
            others == [
                "services barrier.stigma.family 1", "services barrier.waiting 1", "stops barrier.waiting 1",
            ])
    }

    @Test func matcherSplitsSentencesAndStems() {
        #expect(QuestionMatcher.stem("services") == QuestionMatcher.stem("service"))
        #expect(QuestionMatcher.stem("lives") == QuestionMatcher.stem("living"))
        #expect(QuestionMatcher.sentences("One? Two. Three") == ["One", "Two", "Three"])
        let matcher = QuestionMatcher(
            questions: [
                "What does a usual week look like for you?", "Is there anything else you would like to tell us?",
            ],
            language: "en")
        let similarity = matcher.similarities("Okay. Who else is at home?")
        #expect(similarity[0] == 0)
        #expect(similarity[1] > 0 && similarity[1] < Fidelity.defaultThreshold)
    }

    /// Speakers no one recognised as the interviewer: every turn is the participant's.
    @Test func transcriptWithoutInterviewerTurnsIsNamed() throws {
        let fixture = try study()
        try fixture.participant("X1")
        let path = try fixture.write(
            "X1.txt", "Ann: Can you tell me about yourself and who you live with?\nX1: Alone.\n")
        _ = try TranscriptImporter.run([path], target: .fileName, options: .init(), study: fixture.study)
        let id = try #require(InterviewStore(fixture.study).interviews(where: .participant("X1")).first).id
        _ = try InterviewLog(fixture.study).update(id, changes: .init(protocolReference: "fid@1", language: "en"))
        let result = try Fidelity.run(fixture.study, transcripts: ["X1", "E2"])
        #expect(result.withoutInterviewerTurns == ["X1"])
        #expect(result.interviews.first { $0.transcript == "X1" }?.asked == [])
        #expect(
            FidelityViews.fidelity(result, matrix: false).notes.contains {
                $0.hasPrefix("No interviewer turns in: X1 ")
            })
    }

    @Test func unknownTranscriptIsAnError() throws {
        let fixture = try study()
        #expect(throws: TranscriptError.self) { try Fidelity.run(fixture.study, transcripts: ["ZZ"]) }
    }
}
