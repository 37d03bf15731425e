"""The codes rule authors write: ISO 3166-1 alpha-2 countries (plus EU) and ISO 639-1 languages.

A rule that applies to region "UK" or language "ua" can never apply (the checker receives GB and
uk), so validation refuses such codes and suggests the real one."""

from __future__ import annotations

from collections.abc import Iterable


def _table(text: str) -> dict[str, str]:
    return dict(item.strip().split(" ", 1) for item in text.split("|") if item.strip())


COUNTRIES = _table(
    "AD Andorra|AE United Arab Emirates|AF Afghanistan|AG Antigua and Barbuda|AI Anguilla|AL Albania|"
    "AM Armenia|AO Angola|AQ Antarctica|AR Argentina|AS American Samoa|AT Austria|AU Australia|AW Aruba|"
    "AX Åland Islands|AZ Azerbaijan|BA Bosnia and Herzegovina|BB Barbados|BD Bangladesh|BE Belgium|"
    "BF Burkina Faso|BG Bulgaria|BH Bahrain|BI Burundi|BJ Benin|BL Saint Barthélemy|BM Bermuda|BN Brunei|"
    "BO Bolivia|BQ Bonaire, Sint Eustatius and Saba|BR Brazil|BS Bahamas|BT Bhutan|BV Bouvet Island|"
    "BW Botswana|BY Belarus|BZ Belize|CA Canada|CC Cocos (Keeling) Islands|CD DR Congo|"
    "CF Central African Republic|CG Congo|CH Switzerland|CI Côte d'Ivoire|CK Cook Islands|CL Chile|"
    "CM Cameroon|CN China|CO Colombia|CR Costa Rica|CU Cuba|CV Cabo Verde|CW Curaçao|CX Christmas Island|"
    "CY Cyprus|CZ Czechia|DE Germany|DJ Djibouti|DK Denmark|DM Dominica|DO Dominican Republic|DZ Algeria|"
    "EC Ecuador|EE Estonia|EG Egypt|EH Western Sahara|ER Eritrea|ES Spain|ET Ethiopia|FI Finland|FJ Fiji|"
    "FK Falkland Islands|FM Micronesia|FO Faroe Islands|FR France|GA Gabon|GB United Kingdom|GD Grenada|"
    "GE Georgia|GF French Guiana|GG Guernsey|GH Ghana|GI Gibraltar|GL Greenland|GM Gambia|GN Guinea|"
    "GP Guadeloupe|GQ Equatorial Guinea|GR Greece|GS South Georgia and the South Sandwich Islands|"
    "GT Guatemala|GU Guam|GW Guinea-Bissau|GY Guyana|HK Hong Kong|HM Heard Island and McDonald Islands|"
    "HN Honduras|HR Croatia|HT Haiti|HU Hungary|ID Indonesia|IE Ireland|IL Israel|IM Isle of Man|IN India|"
    "IO British Indian Ocean Territory|IQ Iraq|IR Iran|IS Iceland|IT Italy|JE Jersey|JM Jamaica|JO Jordan|"
    "JP Japan|KE Kenya|KG Kyrgyzstan|KH Cambodia|KI Kiribati|KM Comoros|KN Saint Kitts and Nevis|"
    "KP North Korea|KR South Korea|KW Kuwait|KY Cayman Islands|KZ Kazakhstan|LA Laos|LB Lebanon|"
    "LC Saint Lucia|LI Liechtenstein|LK Sri Lanka|LR Liberia|LS Lesotho|LT Lithuania|LU Luxembourg|"
    "LV Latvia|LY Libya|MA Morocco|MC Monaco|MD Moldova|ME Montenegro|MF Saint Martin|MG Madagascar|"
    "MH Marshall Islands|MK North Macedonia|ML Mali|MM Myanmar|MN Mongolia|MO Macao|"
    "MP Northern Mariana Islands|MQ Martinique|MR Mauritania|MS Montserrat|MT Malta|MU Mauritius|"
    "MV Maldives|MW Malawi|MX Mexico|MY Malaysia|MZ Mozambique|NA Namibia|NC New Caledonia|NE Niger|"
    "NF Norfolk Island|NG Nigeria|NI Nicaragua|NL Netherlands|NO Norway|NP Nepal|NR Nauru|NU Niue|"
    "NZ New Zealand|OM Oman|PA Panama|PE Peru|PF French Polynesia|PG Papua New Guinea|PH Philippines|"
    "PK Pakistan|PL Poland|PM Saint Pierre and Miquelon|PN Pitcairn|PR Puerto Rico|PS Palestine|"
    "PT Portugal|PW Palau|PY Paraguay|QA Qatar|RE Réunion|RO Romania|RS Serbia|RU Russia|RW Rwanda|"
    "SA Saudi Arabia|SB Solomon Islands|SC Seychelles|SD Sudan|SE Sweden|SG Singapore|SH Saint Helena|"
    "SI Slovenia|SJ Svalbard and Jan Mayen|SK Slovakia|SL Sierra Leone|SM San Marino|SN Senegal|"
    "SO Somalia|SR Suriname|SS South Sudan|ST São Tomé and Príncipe|SV El Salvador|SX Sint Maarten|"
    "SY Syria|SZ Eswatini|TC Turks and Caicos Islands|TD Chad|TF French Southern Territories|TG Togo|"
    "TH Thailand|TJ Tajikistan|TK Tokelau|TL Timor-Leste|TM Turkmenistan|TN Tunisia|TO Tonga|TR Türkiye|"
    "TT Trinidad and Tobago|TV Tuvalu|TW Taiwan|TZ Tanzania|UA Ukraine|UG Uganda|"
    "UM United States Minor Outlying Islands|US United States|UY Uruguay|UZ Uzbekistan|VA Holy See|"
    "VC Saint Vincent and the Grenadines|VE Venezuela|VG British Virgin Islands|VI US Virgin Islands|"
    "VN Vietnam|VU Vanuatu|WF Wallis and Futuna|WS Samoa|YE Yemen|YT Mayotte|ZA South Africa|ZM Zambia|"
    "ZW Zimbabwe|"
    # Not ISO 3166-1 assignments, but codes the checker accepts: the EU as a legal order (its
    # member states imply it, see context.py) and Kosovo's widely used user-assigned code.
    "EU European Union|XK Kosovo"
)

LANGUAGES = _table(
    "aa Afar|ab Abkhazian|ae Avestan|af Afrikaans|ak Akan|am Amharic|an Aragonese|ar Arabic|as Assamese|"
    "av Avaric|ay Aymara|az Azerbaijani|ba Bashkir|be Belarusian|bg Bulgarian|bi Bislama|bm Bambara|"
    "bn Bengali|bo Tibetan|br Breton|bs Bosnian|ca Catalan|ce Chechen|ch Chamorro|co Corsican|cr Cree|"
    "cs Czech|cu Church Slavonic|cv Chuvash|cy Welsh|da Danish|de German|dv Divehi|dz Dzongkha|ee Ewe|"
    "el Greek|en English|eo Esperanto|es Spanish|et Estonian|eu Basque|fa Persian|ff Fulah|fi Finnish|"
    "fj Fijian|fo Faroese|fr French|fy Western Frisian|ga Irish|gd Scottish Gaelic|gl Galician|gn Guarani|"
    "gu Gujarati|gv Manx|ha Hausa|he Hebrew|hi Hindi|ho Hiri Motu|hr Croatian|ht Haitian|hu Hungarian|"
    "hy Armenian|hz Herero|ia Interlingua|id Indonesian|ie Interlingue|ig Igbo|ii Sichuan Yi|ik Inupiaq|"
    "io Ido|is Icelandic|it Italian|iu Inuktitut|ja Japanese|jv Javanese|ka Georgian|kg Kongo|ki Kikuyu|"
    "kj Kuanyama|kk Kazakh|kl Kalaallisut|km Khmer|kn Kannada|ko Korean|kr Kanuri|ks Kashmiri|ku Kurdish|"
    "kv Komi|kw Cornish|ky Kyrgyz|la Latin|lb Luxembourgish|lg Ganda|li Limburgish|ln Lingala|lo Lao|"
    "lt Lithuanian|lu Luba-Katanga|lv Latvian|mg Malagasy|mh Marshallese|mi Maori|mk Macedonian|"
    "ml Malayalam|mn Mongolian|mr Marathi|ms Malay|mt Maltese|my Burmese|na Nauru|nb Norwegian Bokmål|"
    "nd North Ndebele|ne Nepali|ng Ndonga|nl Dutch|nn Norwegian Nynorsk|no Norwegian|nr South Ndebele|"
    "nv Navajo|ny Chichewa|oc Occitan|oj Ojibwa|om Oromo|or Odia|os Ossetian|pa Punjabi|pi Pali|pl Polish|"
    "ps Pashto|pt Portuguese|qu Quechua|rm Romansh|rn Rundi|ro Romanian|ru Russian|rw Kinyarwanda|"
    "sa Sanskrit|sc Sardinian|sd Sindhi|se Northern Sami|sg Sango|si Sinhala|sk Slovak|sl Slovenian|"
    "sm Samoan|sn Shona|so Somali|sq Albanian|sr Serbian|ss Swati|st Southern Sotho|su Sundanese|"
    "sv Swedish|sw Swahili|ta Tamil|te Telugu|tg Tajik|th Thai|ti Tigrinya|tk Turkmen|tl Tagalog|"
    "tn Tswana|to Tongan|tr Turkish|ts Tsonga|tt Tatar|tw Twi|ty Tahitian|ug Uyghur|uk Ukrainian|ur Urdu|"
    "uz Uzbek|ve Venda|vi Vietnamese|vo Volapük|wa Walloon|wo Wolof|xh Xhosa|yi Yiddish|yo Yoruba|"
    "za Zhuang|zh Chinese|zu Zulu"
)

# Codes people write by analogy that are not (or not any more) the right kind of code.
_COUNTRY_MIXUPS = {"UK": "GB", "EL": "GR"}
_LANGUAGE_MIXUPS = {
    "ua": "uk", "by": "be", "cz": "cs", "dk": "da", "gr": "el", "jp": "ja", "kz": "kk", "ge": "ka",
    "cn": "zh", "us": "en", "gb": "en", "il": "he", "ir": "fa", "kr": "ko", "vn": "vi", "tj": "tg",
    "iw": "he", "in": "id", "ji": "yi",
}


def split_items(value: object) -> tuple[str, ...]:
    """Items from a list, or from one string that may hold several separated by commas:
    `disable: a.b` must not become the characters of "a.b"."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, (list, tuple)) else [value]
    return tuple(str(item).strip() for item in items if str(item).strip())


def split_codes(value: object) -> tuple[str, ...]:
    """Upper-case codes from a list or from one string with commas ("RU, BY")."""
    return tuple(item.upper() for item in split_items(value))


class CodeError(ValueError):
    """A code that is not a country code or EU; `code` is the code, the message says why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def country_codes(values: Iterable[object]) -> tuple[str, ...]:
    """Upper-case country codes from values that may each hold several ("RU, BY", or a list);
    CodeError for the first that is not a country code or EU."""
    codes = tuple(code for value in values for code in split_codes(value))
    for code in codes:
        if problem := country_problem(code):
            raise CodeError(code, problem)
    return codes


def country_problem(code: str) -> str | None:
    """Why `code` cannot be an audience region or a jurisdiction, or None when it is fine."""
    if code in COUNTRIES:
        return None
    if code.upper() in COUNTRIES:
        return f"{code!r} must be written in capitals: {code.upper()!r}"
    hint = _COUNTRY_MIXUPS.get(code.upper())
    suggestion = f" (did you mean {hint!r}, {COUNTRIES[hint]}?)" if hint else ""
    return f"{code!r} is not an ISO 3166-1 country code or EU{suggestion}"


def language_problem(code: str) -> str | None:
    """Why `code` cannot be a document language, or None when it is fine."""
    if code in LANGUAGES:
        return None
    if code.lower() in LANGUAGES:
        return f"{code!r} must be written in lower case: {code.lower()!r}"
    hint = _LANGUAGE_MIXUPS.get(code.lower())
    suggestion = f" (did you mean {hint!r}, {LANGUAGES[hint]}?)" if hint else ""
    return f"{code!r} is not an ISO 639-1 language code{suggestion}"


def country_name(code: str) -> str:
    return f"{COUNTRIES[code]} ({code})" if code in COUNTRIES else code


def language_name(code: str) -> str:
    return f"{LANGUAGES[code]} ({code})" if code in LANGUAGES else code
