"""Country names and ISO 3166-1 alpha-3 codes to alpha-2 (model §1.5 ``country``)."""

from __future__ import annotations

import re
import unicodedata

# "alpha-2 alpha-3 Name|Alias|..." entries separated by ";". Names are matched after folding
# case, accents, punctuation and "&"/"and", so "U.S.A.", "Côte d'Ivoire" and "Cote dIvoire" meet.
# Known limitation: names are English plus a few local forms (Deutschland, España, Brasil);
# a name in another language is passed through as raw text.
_TABLE = (
    "AD AND Andorra;AE ARE United Arab Emirates|UAE;AF AFG Afghanistan;AG ATG Antigua and Barbuda;"
    "AI AIA Anguilla;AL ALB Albania;AM ARM Armenia;AO AGO Angola;AQ ATA Antarctica;"
    "AR ARG Argentina;AS ASM American Samoa;AT AUT Austria;AU AUS Australia;AW ABW Aruba;"
    "AX ALA Aland Islands;AZ AZE Azerbaijan;BA BIH Bosnia and Herzegovina|Bosnia;"
    "BB BRB Barbados;BD BGD Bangladesh;BE BEL Belgium;BF BFA Burkina Faso;BG BGR Bulgaria;"
    "BH BHR Bahrain;BI BDI Burundi;BJ BEN Benin;BL BLM Saint Barthelemy;BM BMU Bermuda;"
    "BN BRN Brunei|Brunei Darussalam;BO BOL Bolivia;BQ BES Caribbean Netherlands|Bonaire;"
    "BR BRA Brazil|Brasil;BS BHS Bahamas|The Bahamas;BT BTN Bhutan;BV BVT Bouvet Island;"
    "BW BWA Botswana;BY BLR Belarus;BZ BLZ Belize;CA CAN Canada;CC CCK Cocos Islands;"
    "CD COD Democratic Republic of the Congo|DR Congo|Congo Kinshasa;"
    "CF CAF Central African Republic;"
    "CG COG Republic of the Congo|Congo|Congo Brazzaville;CH CHE Switzerland;"
    "CI CIV Cote d'Ivoire|Ivory Coast;CK COK Cook Islands;CL CHL Chile;CM CMR Cameroon;"
    "CN CHN China|People's Republic of China|PRC;CO COL Colombia;CR CRI Costa Rica;CU CUB Cuba;"
    "CV CPV Cabo Verde|Cape Verde;CW CUW Curacao;CX CXR Christmas Island;CY CYP Cyprus;"
    "CZ CZE Czechia|Czech Republic;DE DEU Germany|Deutschland;DJ DJI Djibouti;DK DNK Denmark;"
    "DM DMA Dominica;DO DOM Dominican Republic;DZ DZA Algeria;EC ECU Ecuador;EE EST Estonia;"
    "EG EGY Egypt;EH ESH Western Sahara;ER ERI Eritrea;ES ESP Spain|Espana;ET ETH Ethiopia;"
    "FI FIN Finland;FJ FJI Fiji;FK FLK Falkland Islands;FM FSM Micronesia;FO FRO Faroe Islands;"
    "FR FRA France;GA GAB Gabon;GB GBR United Kingdom|UK|Great Britain|Britain|England|Scotland|"
    "Wales|Northern Ireland;GD GRD Grenada;GE GEO Georgia;GF GUF French Guiana;GG GGY Guernsey;"
    "GH GHA Ghana;GI GIB Gibraltar;GL GRL Greenland;GM GMB Gambia|The Gambia;GN GIN Guinea;"
    "GP GLP Guadeloupe;GQ GNQ Equatorial Guinea;GR GRC Greece;GS SGS South Georgia;"
    "GT GTM Guatemala;GU GUM Guam;GW GNB Guinea-Bissau;GY GUY Guyana;HK HKG Hong Kong;"
    "HM HMD Heard Island and McDonald Islands;HN HND Honduras;HR HRV Croatia;HT HTI Haiti;"
    "HU HUN Hungary;ID IDN Indonesia;IE IRL Ireland;IL ISR Israel;IM IMN Isle of Man;IN IND India;"
    "IO IOT British Indian Ocean Territory;IQ IRQ Iraq;IR IRN Iran;IS ISL Iceland;IT ITA Italy;"
    "JE JEY Jersey;JM JAM Jamaica;JO JOR Jordan;JP JPN Japan;KE KEN Kenya;KG KGZ Kyrgyzstan;"
    "KH KHM Cambodia;KI KIR Kiribati;KM COM Comoros;KN KNA Saint Kitts and Nevis;"
    "KP PRK North Korea;KR KOR South Korea|Korea|Republic of Korea;KW KWT Kuwait;"
    "KY CYM Cayman Islands;KZ KAZ Kazakhstan;LA LAO Laos;LB LBN Lebanon;LC LCA Saint Lucia;"
    "LI LIE Liechtenstein;LK LKA Sri Lanka;LR LBR Liberia;LS LSO Lesotho;LT LTU Lithuania;"
    "LU LUX Luxembourg;LV LVA Latvia;LY LBY Libya;MA MAR Morocco;MC MCO Monaco;"
    "MD MDA Moldova;ME MNE Montenegro;MF MAF Saint Martin;MG MDG Madagascar;"
    "MH MHL Marshall Islands;MK MKD North Macedonia|Macedonia;ML MLI Mali;"
    "MM MMR Myanmar|Burma;MN MNG Mongolia;MO MAC Macao|Macau;MP MNP Northern Mariana Islands;"
    "MQ MTQ Martinique;MR MRT Mauritania;MS MSR Montserrat;MT MLT Malta;MU MUS Mauritius;"
    "MV MDV Maldives;MW MWI Malawi;MX MEX Mexico;MY MYS Malaysia;MZ MOZ Mozambique;"
    "NA NAM Namibia;NC NCL New Caledonia;NE NER Niger;NF NFK Norfolk Island;NG NGA Nigeria;"
    "NI NIC Nicaragua;NL NLD Netherlands|The Netherlands|Holland;NO NOR Norway;NP NPL Nepal;"
    "NR NRU Nauru;NU NIU Niue;NZ NZL New Zealand;OM OMN Oman;PA PAN Panama;PE PER Peru;"
    "PF PYF French Polynesia;PG PNG Papua New Guinea;PH PHL Philippines;PK PAK Pakistan;"
    "PL POL Poland;PM SPM Saint Pierre and Miquelon;PN PCN Pitcairn;PR PRI Puerto Rico;"
    "PS PSE Palestine;PT PRT Portugal;PW PLW Palau;PY PRY Paraguay;QA QAT Qatar;"
    "RE REU Reunion;RO ROU Romania;RS SRB Serbia;RU RUS Russia|Russian Federation;"
    "RW RWA Rwanda;SA SAU Saudi Arabia;SB SLB Solomon Islands;SC SYC Seychelles;SD SDN Sudan;"
    "SE SWE Sweden;SG SGP Singapore;SH SHN Saint Helena;SI SVN Slovenia;"
    "SJ SJM Svalbard and Jan Mayen;SK SVK Slovakia;SL SLE Sierra Leone;SM SMR San Marino;"
    "SN SEN Senegal;SO SOM Somalia;SR SUR Suriname;SS SSD South Sudan;"
    "ST STP Sao Tome and Principe;SV SLV El Salvador;SX SXM Sint Maarten;SY SYR Syria;"
    "SZ SWZ Eswatini|Swaziland;TC TCA Turks and Caicos Islands;TD TCD Chad;"
    "TF ATF French Southern Territories;TG TGO Togo;TH THA Thailand;TJ TJK Tajikistan;"
    "TK TKL Tokelau;TL TLS Timor-Leste|East Timor;TM TKM Turkmenistan;TN TUN Tunisia;"
    "TO TON Tonga;TR TUR Turkey|Turkiye;TT TTO Trinidad and Tobago;TV TUV Tuvalu;"
    "TW TWN Taiwan;TZ TZA Tanzania;UA UKR Ukraine;UG UGA Uganda;"
    "UM UMI United States Minor Outlying Islands;US USA United States|United States of America|"
    "US of A|America;UY URY Uruguay;UZ UZB Uzbekistan;VA VAT Vatican City|Holy See;"
    "VC VCT Saint Vincent and the Grenadines;VE VEN Venezuela;VG VGB British Virgin Islands;"
    "VI VIR US Virgin Islands|United States Virgin Islands;VN VNM Vietnam|Viet Nam;VU VUT Vanuatu;"
    "WF WLF Wallis and Futuna;WS WSM Samoa;YE YEM Yemen;YT MYT Mayotte;ZA ZAF South Africa;"
    "ZM ZMB Zambia;ZW ZWE Zimbabwe"
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = plain.casefold().replace("&", " and ")
    plain = re.sub("[.'`\u2019]", "", plain)
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in _TABLE.split(";"):
        alpha2, alpha3, names = entry.split(" ", 2)
        index[alpha2.casefold()] = alpha2
        index[alpha3.casefold()] = alpha2
        for name in names.split("|"):
            index.setdefault(_fold(name), alpha2)
            if name.casefold().startswith("the "):
                index.setdefault(_fold(name[4:]), alpha2)
    return index


_INDEX = _build_index()  # read-only after import: a lookup table, not mutable state


def country_code(value: object) -> str | None:
    """Return the ISO 3166-1 alpha-2 code of a country name or code, else the raw text."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    return _INDEX.get(_fold(text), text)
