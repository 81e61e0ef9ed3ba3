/// One `PlainTextSelection` of a project export: a coding made in qualkit, or the parts of a
/// selection that spans several turns (codings sharing `coding.selection`), written back as one.
struct QdpxSelection {
    /// One `Coding` inside the selection: a code applied by a coder.
    struct Coding {
        let guid: String
        let code: String
        let coderUUID: String
        let createdAt: String
    }

    /// The coding's UUID, or the shared selection UUID for a multi-turn selection.
    let guid: String
    /// Stored code points of the whole transcript: the first part's start to the last part's end.
    let start: Int
    let end: Int
    let createdAt: String
    let memo: String?
    let codings: [Coding]
    /// How many stored codings (parts) it holds.
    let parts: Int

    /// The selections of one transcript's codings (in text order), in the order their first part
    /// comes. A `Coding` GUID is derived from the selection's and its code and coder, since a
    /// stored coding's UUID already names the selection.
    static func group(_ parts: [QdpxStore.Part]) -> [QdpxSelection] {
        var order: [String] = []
        var byKey: [String: [QdpxStore.Part]] = [:]
        for part in parts {
            let key = part.selection ?? part.uuid
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(part)
        }
        return order.map { key in
            let members = byKey[key]!
            var codings: [Coding] = []
            var seen = Set<String>()
            for part in members where seen.insert(part.code + "\u{0}" + part.coderUUID).inserted {
                codings.append(
                    Coding(
                        guid: RefiGUID.derived(from: "coding:\(key):\(part.code):\(part.coderUUID)"), code: part.code,
                        coderUUID: part.coderUUID, createdAt: part.createdAt))
            }
            return QdpxSelection(
                guid: key, start: members.map(\.start).min()!, end: members.map(\.end).max()!,
                createdAt: members[0].createdAt, memo: members.first { $0.memo?.isEmpty == false }?.memo,
                codings: codings, parts: members.count)
        }
    }
}
