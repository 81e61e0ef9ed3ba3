import Foundation

/// The rules of a matching run: interview length, cost weights, conflicts of interest.
public struct MatchSettings: Sendable, Equatable {
    /// Minutes both must be free in one window on the same day.
    public var interviewMinutes: Int
    /// Minutes an interviewer keeps free between two interviews (notes, travel, a break).
    public var gapMinutes: Int
    /// The protocol version planned interviews record (`talking-change@2`), or nil.
    public var protocolReference: String?
    public var weights: Weights
    /// (participant, interviewer) pairs that must not be matched.
    public var exclusions: Set<Pair>
    /// Costs given per pair (`match --pair-costs`), added to or replacing the derived ones.
    public var pairCosts: PairCosts?

    public struct Pair: Sendable, Hashable {
        public let participant: String
        public let interviewer: String
        public init(participant: String, interviewer: String) {
            self.participant = participant
            self.interviewer = interviewer
        }
    }

    /// Whole-number weights of the cost of an allowed pair.
    public struct Weights: Sendable, Equatable {
        /// Charged when the participant prefers their own community and the interviewer's differs;
        /// a third of it (rounded down) when they stated no preference and the communities differ.
        public var community: Int
        /// Charged when the participant prefers an interviewer's gender that this one does not have.
        public var gender: Int
        /// Charged when the participant's first language is not among the interviewer's.
        public var language: Int

        public static let standard = Weights(community: 3, gender: 2, language: 1)

        public init(community: Int, gender: Int, language: Int) {
            self.community = community
            self.gender = gender
            self.language = language
        }

        /// Parses `community=3,gender=2,language=1`; names not given keep their standard weight.
        public static func parse(_ text: String) throws -> Weights {
            var weights = Weights.standard
            for part in text.split(separator: ",") {
                let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
                let names = ["community", "gender", "language"]
                guard pieces.count == 2, let value = Int(pieces[1]), value >= 0, value <= 1000 else {
                    throw MatchingError.invalidWeight(String(part))
                }
                switch pieces[0] {
                case "community": weights.community = value
                case "gender": weights.gender = value
                case "language": weights.language = value
                default:
                    throw MatchingError.unknownWeight(Unknown(pieces[0], among: names), given: String(part))
                }
            }
            return weights
        }
    }

    /// The gap between one interviewer's interviews when none is given.
    public static let standardGapMinutes = 15

    public init(
        interviewMinutes: Int = 60, gapMinutes: Int = MatchSettings.standardGapMinutes, weights: Weights = .standard,
        exclusions: Set<Pair> = [], protocolReference: String? = nil, pairCosts: PairCosts? = nil
    ) {
        self.pairCosts = pairCosts
        self.interviewMinutes = interviewMinutes
        self.gapMinutes = gapMinutes
        self.protocolReference = protocolReference
        self.weights = weights
        self.exclusions = exclusions
    }
}
