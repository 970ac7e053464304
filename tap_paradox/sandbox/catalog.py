"""Fixed catalogues the seeded tenant draws from: journeys, people, places, jobs, attributes."""

from __future__ import annotations

# Journey name -> ordered "<Stage>: <Status>" list. No stage name contains ": " (contract §5.3);
# one status does ("Declined: Compensation"), so clients must split at the first separator.
JOURNEYS: dict[str, list[str]] = {
    "Store Hourly": [
        "Application: New",
        "Screening: Capture Complete",
        "Screening: Capture Incomplete",
        "Interview: Scheduled",
        "Interview: No Show",
        "Offer: Offer Sent",
        "Offer: Offer Expired",
        "Hired: Hired",
        "Rejected: Not Qualified",
        "Withdrawn: Candidate Withdrew",
    ],
    "Warehouse Fast Track": [
        "Apply: Started",
        "Apply: Completed",
        "Assessment: Passed",
        "Assessment: Failed",
        "Orientation: Booked",
        "Hired: Started Work",
        "Disqualified: Failed Background",
    ],
    "Corporate Salaried": [
        "Phone Screen: Scheduled",
        "Phone Screen: Passed",
        "Onsite Interview (Round 2): Scheduled",
        "Onsite Interview (Round 2): Feedback Pending",
        "Offer: Extended",
        "Offer: Declined: Compensation",
    ],
}
DEFAULT_JOURNEY = "Store Hourly"
HIRED_STAGES = frozenset({"Hired"})

# (first name, last name, e-mail stem or None when the script has no ASCII spelling).
PEOPLE: list[tuple[str, str, str | None]] = [
    ("Ana", "Ruiz", "ana.ruiz"),
    ("José", "Núñez", "jose.nunez"),
    ("Zoë", "Müller", "zoe.mueller"),
    ("François", "Lefèvre", "francois.lefevre"),
    ("Søren", "Ødegaard", "soren.odegaard"),
    ("Łukasz", "Wójcik", "lukasz.wojcik"),
    ("Dana", "Fox", "dana.fox"),
    ("Lee", "Chan", "lee.chan"),
    ("Marcus", "O'Neill", "marcus.oneill"),
    ("Priya", "Raghunathan", "priya.r"),
    ("Tomás", "García-Ortega", "tomas.garcia"),
    ("Иван", "Петров", None),
    ("Ольга", "Смирнова", None),
    ("伟", "王", None),
    ("太郎", "山田", None),
    ("민준", "김", None),
    ("محمد", "العلي", None),
    ("فاطمة", "الزهراء", None),
    ("Γιώργος", "Παπαδόπουλος", None),
    ("अनिल", "शर्मा", None),
]

# Candidate home addresses: (address, city, state, zip_code, country).
HOME_ADDRESSES: list[tuple[str, str, str, str, str]] = [
    ("1208 Elm St", "Dallas", "TX", "75201", "US"),
    ("77 Cedar Ave Apt 4B", "Plano", "TX", "75024", "US"),
    ("5 Rue de Rivoli", "Paris", "", "75001", "FR"),
    ("Calle de Alcalá 12", "Madrid", "MD", "28014", "ES"),
    ("Königstraße 3", "Stuttgart", "BW", "70173", "DE"),
    ("ул. Тверская, д. 7", "Москва", "", "125009", "RU"),
    ("東京都千代田区丸の内1-9-1", "千代田区", "東京都", "100-0005", "JP"),
    ("서울특별시 중구 세종대로 110", "서울", "", "04524", "KR"),
    ("شارع الملك فهد", "الرياض", "", "12211", "SA"),
    ("Rua Augusta 1500", "São Paulo", "SP", "01304-001", "BR"),
]

# Company locations: (name, addr_1, city, state_code, zip_code, time_zone, job_loc_code, district).
LOCATIONS: list[tuple[str, str, str, str, str, str, str, str]] = [
    (
        "Dallas Uptown",
        "2400 McKinney Ave",
        "Dallas",
        "TX",
        "75201",
        "America/Chicago",
        "DAL07",
        "North",
    ),
    ("Plano West", "6121 W Park Blvd", "Plano", "TX", "75093", "America/Chicago", "PLA02", "North"),
    (
        "Austin Domain",
        "11410 Century Oaks Ter",
        "Austin",
        "TX",
        "78758",
        "America/Chicago",
        "AUS11",
        "South",
    ),
    ("Denver LoDo", "1701 Wynkoop St", "Denver", "CO", "80202", "America/Denver", "DEN03", "West"),
    (
        "Phoenix Camelback",
        "2502 E Camelback Rd",
        "Phoenix",
        "AZ",
        "85016",
        "America/Phoenix",
        "PHX05",
        "West",
    ),
    (
        "Atlanta Midtown",
        "999 Peachtree St NE",
        "Atlanta",
        "GA",
        "30309",
        "America/New_York",
        "ATL09",
        "East",
    ),
    (
        "Montréal Centre",
        "1250 Rue Sainte-Catherine O",
        "Montréal",
        "QC",
        "H3G 1P1",
        "America/Toronto",
        "MTL01",
        "Canada",
    ),
    (
        "München Ost",
        "Rosenheimer Str. 145",
        "München",
        "BY",
        "81671",
        "Europe/Berlin",
        "MUC04",
        "EMEA",
    ),
    ("London Soho", "12 Wardour St", "London", "", "W1D 6QF", "Europe/London", "LON02", "EMEA"),
    (
        "Seattle SoDo",
        "1900 1st Ave S",
        "Seattle",
        "WA",
        "98134",
        "America/Los_Angeles",
        "SEA06",
        "West",
    ),
]
LOCATION_COUNTRIES = {"Montréal Centre": "CA", "München Ost": "DE", "London Soho": "GB"}

JOB_TITLES = [
    "Overnight Stocker",
    "Cashier",
    "Shift Supervisor",
    "Barista",
    "Warehouse Associate",
    "Forklift Operator",
    "Delivery Driver",
    "Line Cook",
    "Store Manager",
    "Customer Service Representative",
    "Pharmacy Technician",
    "Préparateur de commandes",
    "Kommissionierer (m/w/d)",
    "Team Member & Greeter",
]

# Salary texts in the shapes real feeds carry; None leaves the element out, "" keeps it empty.
SALARIES: list[str | None] = [
    "$15.00 - $18.00 per hour",
    "£22k–£25k a year",  # noqa: RUF001 - real feeds use the en dash
    "EUR 2,100 per month",
    "$17/hr",
    "Up to $52,000 annually",
    "$19.50 to $21.25 hourly",
    "€1.850 brutto monatlich",
    "Competitive pay",
    "",
    None,
]
JOB_TYPES = ["Full-time", "Part-time", "Seasonal", "Temporary", "Full-time, Part-time"]
CATEGORIES = ["Retail", "Logistics", "Food Service", "Healthcare", "Management"]
REMOTE_TYPES = ["", "", "", "On-site", "Hybrid"]

TENANTS = [
    ("Northwind Grocers", "https://jobs.northwind.example", ["store_number", "deli_certified"]),
    ("Contoso Logistics", "https://careers.contoso.example", ["forklift_license", "dock_shift"]),
    ("Fabrikam Foods", "https://work.fabrikam.example", ["food_handler_card", "kitchen_station"]),
]

# Attribute key -> possible values (all strings, as the contract requires).
COMMON_ATTRIBUTES: dict[str, list[str]] = {
    "shift_preference": ["mornings", "evenings", "overnight", "weekends", ""],
    "uniform_size": ["XS", "S", "M", "L", "XL", "XXL"],
    "availability_date": ["2025-03-10", "2025-04-01", "ASAP"],
    "current_title": ["Cashier", "Student", "Line Cook", "Kassiererin", "Продавец", "店員", ""],
    "__birthdate": ["1999-04-02", "1987-11-23", "2003-07-14"],
    "__work_authorization": ["yes", "no", "pending"],
    "__utm_campaign": ["spring_hiring", "indeed_sponsored", "qr_code_store"],
    "years_experience": ["0", "1", "3", "5+", "12"],
}
EXTRA_TENANT_VALUES = ["yes", "no", "1042", "Station B", "A-12", ""]

CONVERSATION_LINES = [
    ("Hi! I'd like to apply", "Great! What's your full name?", 5),
    ("Sure, evenings work", "Thanks! Are you 18 or older?", 8),
    ("¿Hay turnos de noche?", "Sí, tenemos turnos de 10pm a 6am.", 3),
    ("", "Please upload your résumé.", 9),
    ("Yes", "Your interview is booked for Tuesday at 10:00.", 10),
]
