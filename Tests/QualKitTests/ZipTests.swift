import Foundation
import Testing

@testable import QualKit

/// The zip reader and writer: round trips, and every hostile archive refused by name.
@Suite struct ZipTests {
    let text = Data(String(repeating: "Talking change in the NHS. ", count: 200).utf8)

    @Test func writerRoundTripsStoredAndDeflatedEntries() throws {
        var writer = ZipWriter()
        try writer.add("project.qde", text, method: .deflated)
        try writer.add("sources/a.txt", Data("é ünïcode".utf8), method: .stored)
        try writer.add("empty.txt", Data(), method: .deflated)
        let archive = writer.data
        #expect(archive.count < text.count)  // deflate did compress
        let entries = try ZipReader.entries(of: archive)
        #expect(entries.map(\.path) == ["project.qde", "sources/a.txt", "empty.txt"])
        #expect(entries[0].data == text)
        #expect(String(decoding: entries[1].data, as: UTF8.self) == "é ünïcode")
        #expect(entries[2].data.isEmpty)
        // Two writes of the same entries are byte-identical.
        var again = ZipWriter()
        try again.add("project.qde", text, method: .deflated)
        try again.add("sources/a.txt", Data("é ünïcode".utf8), method: .stored)
        try again.add("empty.txt", Data(), method: .deflated)
        #expect(again.data == archive)
    }

    @Test func crcIsTheStandardOne() {
        #expect(Deflate.crc32(Data("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func writerRefusesUnsafeAndDuplicatePaths() throws {
        var writer = ZipWriter()
        for bad in ["../x", "/etc/x", "a/../../x", "", "dir/"] {
            #expect(throws: ZipError.invalidEntryPath(bad)) { try writer.add(bad, Data()) }
        }
        try writer.add("a.txt", Data())
        #expect(throws: ZipError.duplicateEntry(entry: "a.txt")) { try writer.add("a.txt", Data()) }
    }

    @Test(arguments: [
        ("../../evil.txt", ZipError.UnsafePath.parentFolder), ("sources/../../x", .parentFolder),
        ("..\\windows.txt", .parentFolder), ("/etc/passwd", .absolute), ("C:/boot.ini", .absolute),
    ])
    func zipSlipAndAbsolutePathsAreRefused(_ name: String, _ reason: ZipError.UnsafePath) {
        let archive = HostileZip(entries: [
            .init(name: "ok.txt", data: Data("a".utf8)), .init(name: name, data: Data("b".utf8)),
        ]).archive
        #expect(throws: ZipError.unsafePath(entry: name, reason: reason)) { try ZipReader.entries(of: archive) }
    }

    @Test func symlinkEntryIsRefused() {
        let archive = HostileZip(entries: [
            .init(name: "sources/link.txt", data: Data("/etc/passwd".utf8), unixMode: 0o120777)
        ]).archive
        #expect(throws: ZipError.notARegularFile(entry: "sources/link.txt", kind: "symbolic link")) {
            try ZipReader.entries(of: archive)
        }
    }

    @Test func zipBombIsRefusedByItsDeclaredSize() {
        let archive = HostileZip(entries: [.init(name: "bomb.txt", data: Data(count: 4096), deflate: true)]).archive
        let limits = ZipLimits(maxEntries: 10, maxEntryBytes: 1024, maxTotalBytes: 4096)
        #expect(throws: ZipError.entryTooLarge(entry: "bomb.txt", limit: 1024)) {
            try ZipReader.entries(of: archive, limits: limits)
        }
    }

    @Test func zipBombThatLiesAboutItsSizeStopsInflatingAtTheDeclaredSize() {
        // 10 MB of zeros deflates to about 10 KB; it declares 100 bytes.
        let archive = HostileZip(entries: [
            .init(name: "liar.txt", data: Data(count: 10 << 20), deflate: true, declaredSize: 100)
        ]).archive
        #expect(archive.count < 100_000)
        #expect(throws: ZipError.entryTooLarge(entry: "liar.txt", limit: 100)) { try ZipReader.entries(of: archive) }
    }

    @Test func manySmallEntriesTogetherAreRefused() {
        let entries = (0..<5).map { HostileZip.Entry(name: "e\($0).txt", data: Data(count: 600)) }
        let archive = HostileZip(entries: entries).archive
        #expect(throws: ZipError.archiveTooLarge(declared: 3000, limit: 2500)) {
            try ZipReader.entries(
                of: archive, limits: ZipLimits(maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 2500))
        }
        #expect(throws: ZipError.tooManyEntries(count: 5, limit: 4)) {
            try ZipReader.entries(of: archive, limits: ZipLimits(maxEntries: 4))
        }
    }

    @Test func crcMismatchIsRefused() {
        for deflate in [false, true] {
            let archive = HostileZip(entries: [
                .init(name: "project.qde", data: text, deflate: deflate, crc: 0xDEAD_BEEF)
            ]).archive
            #expect(
                throws: ZipError.crcMismatch(entry: "project.qde", expected: 0xDEAD_BEEF, actual: Deflate.crc32(text))
            ) {
                try ZipReader.entries(of: archive)
            }
        }
    }

    @Test func garbageAndTruncatedArchivesAreRefused() throws {
        #expect(throws: ZipError.notAZip) { try ZipReader.entries(of: Data("not a zip".utf8)) }
        var writer = ZipWriter()
        try writer.add("a.txt", text)
        let archive = writer.data
        #expect(throws: (any Error).self) { try ZipReader.entries(of: archive.prefix(archive.count - 30)) }
        // Deflated bytes cut short inside an otherwise well-formed archive.
        var corrupt = archive
        corrupt[40] ^= 0xFF
        #expect(throws: (any Error).self) { try ZipReader.entries(of: corrupt) }
    }

    @Test func duplicateEntriesAreRefused() {
        let archive = HostileZip(entries: [
            .init(name: "a.txt", data: Data()), .init(name: "a.txt", data: Data("x".utf8)),
        ]).archive
        #expect(throws: ZipError.duplicateEntry(entry: "a.txt")) { try ZipReader.entries(of: archive) }
    }
}
