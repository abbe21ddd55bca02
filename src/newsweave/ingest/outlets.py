"""A table of news outlets: canonical names, the other names they go by, their web domains.

General knowledge about the news business, used to recognise credit lines and URLs;
an outlet missing here is still taken from a credit line that clearly names it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["OUTLETS", "Outlet", "find_outlet", "outlet_for_domain"]


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


OUTLETS: tuple[Outlet, ...] = (
    Outlet("AFP", ("Agence France-Presse", "Agence France Presse", "AFP"), ("afp.com",)),
    Outlet("AP", ("Associated Press", "The Associated Press", "AP"), ("apnews.com", "ap.org")),
    Outlet("Reuters", ("Reuters", "Thomson Reuters"), ("reuters.com",)),
    Outlet(
        "BBC", ("BBC", "BBC News", "British Broadcasting Corporation"), ("bbc.co.uk", "bbc.com")
    ),
    Outlet("CNN", ("CNN", "Cable News Network"), ("cnn.com",)),
    Outlet("Al Jazeera", ("Al Jazeera", "Al Jazeera English"), ("aljazeera.com", "aljazeera.net")),
    Outlet("The New York Times", ("The New York Times", "New York Times", "NYT"), ("nytimes.com",)),
    Outlet(
        "The Washington Post", ("The Washington Post", "Washington Post"), ("washingtonpost.com",)
    ),
    Outlet("The Guardian", ("The Guardian", "Guardian"), ("theguardian.com", "guardian.co.uk")),
    Outlet(
        "The Wall Street Journal",
        ("The Wall Street Journal", "Wall Street Journal", "WSJ"),
        ("wsj.com",),
    ),
    Outlet("Bloomberg", ("Bloomberg", "Bloomberg News"), ("bloomberg.com",)),
    Outlet("Financial Times", ("Financial Times", "FT"), ("ft.com",)),
    Outlet("The Economist", ("The Economist",), ("economist.com",)),
    Outlet("Fox News", ("Fox News",), ("foxnews.com",)),
    Outlet("NBC News", ("NBC News", "NBC"), ("nbcnews.com",)),
    Outlet("CBS News", ("CBS News", "CBS"), ("cbsnews.com",)),
    Outlet("ABC News", ("ABC News",), ("abcnews.go.com", "abc.net.au")),
    Outlet("NPR", ("NPR", "National Public Radio"), ("npr.org",)),
    Outlet("Politico", ("Politico", "POLITICO"), ("politico.com", "politico.eu")),
    Outlet("The Hill", ("The Hill",), ("thehill.com",)),
    Outlet("USA Today", ("USA Today", "USA TODAY"), ("usatoday.com",)),
    Outlet("Los Angeles Times", ("Los Angeles Times", "LA Times"), ("latimes.com",)),
    Outlet("The Independent", ("The Independent",), ("independent.co.uk",)),
    Outlet("The Telegraph", ("The Telegraph", "The Daily Telegraph"), ("telegraph.co.uk",)),
    Outlet("Daily Mail", ("Daily Mail", "MailOnline"), ("dailymail.co.uk",)),
    Outlet("Sky News", ("Sky News",), ("news.sky.com", "sky.com")),
    Outlet("Deutsche Welle", ("Deutsche Welle", "DW"), ("dw.com",)),
    Outlet("France 24", ("France 24", "FRANCE 24"), ("france24.com",)),
    Outlet("Euronews", ("Euronews",), ("euronews.com",)),
    Outlet("El País", ("El País", "El Pais"), ("elpais.com",)),
    Outlet("Le Monde", ("Le Monde",), ("lemonde.fr",)),
    Outlet("Xinhua", ("Xinhua", "Xinhua News Agency"), ("xinhuanet.com", "news.cn")),
    Outlet("TASS", ("TASS",), ("tass.com", "tass.ru")),
    Outlet("EFE", ("EFE", "Agencia EFE"), ("efe.com",)),
    Outlet("dpa", ("dpa", "Deutsche Presse-Agentur"), ("dpa.com",)),
    Outlet("ANSA", ("ANSA",), ("ansa.it",)),
    Outlet("Kyodo", ("Kyodo", "Kyodo News"), ("kyodonews.net",)),
    Outlet("Yonhap", ("Yonhap",), ("yna.co.kr", "en.yna.co.kr")),
    Outlet("UPI", ("UPI", "United Press International"), ("upi.com",)),
    Outlet("CNBC", ("CNBC",), ("cnbc.com",)),
    Outlet("MSNBC", ("MSNBC",), ("msnbc.com",)),
    Outlet("Newsweek", ("Newsweek",), ("newsweek.com",)),
    Outlet("Time", ("TIME", "Time magazine"), ("time.com",)),
    Outlet("Axios", ("Axios",), ("axios.com",)),
    Outlet("HuffPost", ("HuffPost", "Huffington Post"), ("huffpost.com", "huffingtonpost.com")),
    Outlet("Business Insider", ("Business Insider", "Insider"), ("businessinsider.com",)),
    Outlet("South China Morning Post", ("South China Morning Post", "SCMP"), ("scmp.com",)),
    Outlet(
        "The Times of India",
        ("The Times of India", "Times of India"),
        ("timesofindia.indiatimes.com",),
    ),
    Outlet("The Times", ("The Times",), ("thetimes.co.uk",)),
    Outlet("Breitbart", ("Breitbart", "Breitbart News"), ("breitbart.com",)),
    Outlet("Vox", ("Vox",), ("vox.com",)),
    Outlet("RT", ("RT", "Russia Today"), ("rt.com",)),
)


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return re.sub(
        r"[^a-z0-9]+", " ", "".join(c for c in folded if not unicodedata.combining(c))
    ).strip()


_BY_ALIAS = {_key(alias): o for o in OUTLETS for alias in (o.name, *o.aliases)}


def find_outlet(name: str) -> Outlet | None:
    """The outlet a name refers to, ignoring case, accents and punctuation.

    Example: ``find_outlet("the associated press").name == "AP"``
    """
    return _BY_ALIAS.get(_key(name))


def outlet_for_domain(host: str) -> Outlet | None:
    """The outlet whose domain ``host`` is (or is a subdomain of)."""
    host = host.lower().removeprefix("www.")
    for outlet in OUTLETS:
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet
    return None
