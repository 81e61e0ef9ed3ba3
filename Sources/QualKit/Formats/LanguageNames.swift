import Foundation

/// English names for the language codes a study records (ISO 639-1 and ISO 639-3, optionally with
/// a region or script, as in BCP 47: `yue`, `ur`, `pa-Arab`, `bfi`).
///
/// A built-in table, so a report reads "Cantonese" where the study holds `yue`, with no lookup in
/// the platform's locale data (which differs between machines). It covers at least the main
/// languages of England and Wales in the 2021 census (the forty most spoken), British Sign
/// Language and the other languages NHS interpreting services are most asked for.
public enum LanguageNames {
    /// Code (lower case, primary subtag only) to English name.
    static let table: [String: String] = [
        "en": "English", "eng": "English", "cy": "Welsh", "cym": "Welsh", "gd": "Scottish Gaelic",
        "ga": "Irish", "kw": "Cornish", "bfi": "British Sign Language", "sgn": "sign language",
        "pl": "Polish", "pol": "Polish", "ro": "Romanian", "ron": "Romanian", "pa": "Punjabi", "pan": "Punjabi",
        "ur": "Urdu", "urd": "Urdu", "pt": "Portuguese", "por": "Portuguese", "es": "Spanish", "spa": "Spanish",
        "ar": "Arabic", "ara": "Arabic", "bn": "Bengali", "ben": "Bengali", "syl": "Sylheti",
        "gu": "Gujarati", "guj": "Gujarati", "it": "Italian", "ita": "Italian", "fr": "French", "fra": "French",
        "zh": "Chinese", "zho": "Chinese", "yue": "Cantonese", "cmn": "Mandarin", "hak": "Hakka",
        "lt": "Lithuanian", "lit": "Lithuanian", "de": "German", "deu": "German", "ta": "Tamil", "tam": "Tamil",
        "bg": "Bulgarian", "bul": "Bulgarian", "tr": "Turkish", "tur": "Turkish", "fa": "Persian", "fas": "Persian",
        "prs": "Dari", "ps": "Pashto", "pus": "Pashto", "hu": "Hungarian", "hun": "Hungarian",
        "ru": "Russian", "rus": "Russian", "so": "Somali", "som": "Somali", "lv": "Latvian", "lav": "Latvian",
        "el": "Greek", "ell": "Greek", "ne": "Nepali", "nep": "Nepali", "ml": "Malayalam", "mal": "Malayalam",
        "hi": "Hindi", "hin": "Hindi", "sk": "Slovak", "slk": "Slovak", "cs": "Czech", "ces": "Czech",
        "tl": "Tagalog", "tgl": "Tagalog", "fil": "Filipino", "vi": "Vietnamese", "vie": "Vietnamese",
        "ku": "Kurdish", "kur": "Kurdish", "ckb": "Central Kurdish (Sorani)", "kmr": "Northern Kurdish (Kurmanji)",
        "ti": "Tigrinya", "tir": "Tigrinya", "am": "Amharic", "amh": "Amharic", "uk": "Ukrainian", "ukr": "Ukrainian",
        "nl": "Dutch", "nld": "Dutch", "si": "Sinhala", "sin": "Sinhala", "te": "Telugu", "tel": "Telugu",
        "mr": "Marathi", "mar": "Marathi", "ja": "Japanese", "jpn": "Japanese", "ko": "Korean", "kor": "Korean",
        "th": "Thai", "tha": "Thai", "sq": "Albanian", "sqi": "Albanian", "hr": "Croatian", "hrv": "Croatian",
        "sr": "Serbian", "srp": "Serbian", "bs": "Bosnian", "sv": "Swedish", "swe": "Swedish", "da": "Danish",
        "dan": "Danish", "no": "Norwegian", "nb": "Norwegian Bokmål", "fi": "Finnish", "fin": "Finnish",
        "he": "Hebrew", "heb": "Hebrew", "yi": "Yiddish", "yo": "Yoruba", "yor": "Yoruba", "ig": "Igbo",
        "ibo": "Igbo", "ak": "Akan", "tw": "Twi", "sw": "Swahili", "swa": "Swahili", "ln": "Lingala",
        "sn": "Shona", "sna": "Shona", "zu": "Zulu", "af": "Afrikaans", "ms": "Malay", "msa": "Malay",
        "id": "Indonesian", "my": "Burmese", "km": "Khmer", "pcm": "Nigerian Pidgin", "kri": "Krio",
        "ff": "Fula", "ha": "Hausa", "om": "Oromo", "rom": "Romani", "et": "Estonian", "sl": "Slovenian",
        "mk": "Macedonian", "hy": "Armenian", "ka": "Georgian", "az": "Azerbaijani", "uz": "Uzbek",
        "mt": "Maltese", "is": "Icelandic", "ca": "Catalan", "eu": "Basque", "gl": "Galician",
        "pnb": "Western Punjabi", "skr": "Saraiki", "pa-arab": "Punjabi (Shahmukhi)", "mnk": "Mandinka",
    ]

    /// The English name of `code`, or nil when the table does not know it.
    ///
    /// A region or script after the first subtag is kept in brackets (`pt-BR` → "Portuguese (BR)").
    public static func name(_ code: String) -> String? {
        let tag = code.trimmingSpaces().lowercased().replacingOccurrences(of: "_", with: "-")
        if let whole = table[tag] { return whole }
        let parts = tag.split(separator: "-", maxSplits: 1).map(String.init)
        guard let first = parts.first, let name = table[first] else { return nil }
        return parts.count > 1 ? "\(name) (\(parts[1].uppercased()))" : name
    }

    /// "Cantonese (yue)", or the code alone when the table does not know it.
    public static func label(_ code: String) -> String {
        name(code).map { "\($0) (\(code))" } ?? code
    }
}
