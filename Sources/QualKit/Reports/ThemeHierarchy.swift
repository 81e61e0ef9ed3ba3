/// Themes as a hierarchy: each parent followed by its children, indented, so a child is read as
/// part of its parent and never ranked against it.
enum ThemeHierarchy {
    /// `themes` ordered parent first, then its children (most participants first at every level,
    /// then by code); a theme whose parent is not among `themes` stands at the top level.
    static func ordered(_ themes: [Tally.Theme]) -> [Tally.Theme] {
        let codes = Set(themes.map(\.code))
        func parent(_ code: String) -> String? {
            var path = code
            while let dot = path.lastIndex(of: ".") {
                path = String(path[..<dot])
                if codes.contains(path) { return path }
            }
            return nil
        }
        let children = Dictionary(grouping: themes) { parent($0.code) ?? "" }
        func ranked(_ list: [Tally.Theme]) -> [Tally.Theme] {
            list.sorted { ($0.participants, $1.code) > ($1.participants, $0.code) }
        }
        func walk(_ key: String) -> [Tally.Theme] {
            ranked(children[key] ?? []).flatMap { [$0] + walk($0.code) }
        }
        return walk("")
    }

    /// How deep `theme` sits under other themes in `themes` (0 for a top-level theme).
    static func level(_ code: String, among themes: [Tally.Theme]) -> Int {
        let codes = Set(themes.map(\.code))
        var depth = 0
        var path = code
        while let dot = path.lastIndex(of: ".") {
            path = String(path[..<dot])
            if codes.contains(path) { depth += 1 }
        }
        return depth
    }
}
