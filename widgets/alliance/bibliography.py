"""The works the package cites, as references.bib renders them in the site's style: APA 7 (author-date).

Generated from references.bib by the site's citations module, in the style and
from the bib that mkdocs.yml sets (`python -m macros.package_bibliography
--write`); a test fails while it is stale. Do not edit: change references.bib,
the settings or ``model.SOURCES`` and regenerate.
"""

from __future__ import annotations

from typing import NamedTuple


class Style(NamedTuple):
    """The site's citation style: its name, whether it numbers works, and its in-text punctuation."""

    name: str
    numbered: bool  # [1, 3–5], numbered in the order of first citation; else (Author, 2018a, 2018b)
    open: str
    close: str
    groups: str  # between authors, or between located works
    author_date: str  # between the authors and the date
    dates: str  # between dates of the same authors, or between numbers
    range: str  # between the ends of a range of numbers


class Work(NamedTuple):
    authors: str  # as in a parenthetical citation: "Lakke & Meerman"
    date: str  # "2018a"
    order: int  # position in the site's bibliography (the References page)
    parts: tuple[tuple[str, str], ...]  # the reference: (text, "" | "em" (italics) | "link" (a URL))
    href: str  # the work on the site's references page, from the site root

    @property
    def reference(self) -> str:
        """The full reference, as plain text."""
        return "".join(text for text, _ in self.parts)


STYLE = Style(name='apa', numbered=False, open='(', close=')',
              groups='; ', author_date=', ', dates=', ', range='–')

WORKS: dict[str, Work] = {
    'brinjikji2015systematic': Work(
        authors='Brinjikji et al.',
        date='2015',
        order=1,
        parts=(
            ((
                'Brinjikji, W., Luetmer, P. H., Comstock, B., Bresnahan, B. W., Chen, L. E., Deyo, R.'
                ' A., Halabi, S., Turner, J. A., Avins, A. L., James, K., Wald, J. T., Kallmes, D. '
                'F., & Jarvik, J. G. (2015). Systematic literature review of imaging features of '
                'spinal degeneration in asymptomatic populations. '
            ), ''),
            ('American Journal of Neuroradiology', 'em'),
            (', ', ''),
            ('36', 'em'),
            ('(4), 811–816. ', ''),
            ('https://doi.org/10.3174/ajnr.A4173', 'link'),
        ),
        href='references.html#ref-brinjikji2015systematic',
    ),
    'ferreira2013therapeutic': Work(
        authors='Ferreira et al.',
        date='2013',
        order=2,
        parts=(
            ((
                'Ferreira, P. H., Ferreira, M. L., Maher, C. G., Refshauge, K. M., Latimer, J., & '
                'Adams, R. D. (2013). The therapeutic alliance between clinicians and patients '
                'predicts outcome in chronic low back pain. '
            ), ''),
            ('Physical Therapy', 'em'),
            (', ', ''),
            ('93', 'em'),
            ('(4), 470–478. ', ''),
            ('https://doi.org/10.2522/ptj.20120137', 'link'),
        ),
        href='references.html#ref-ferreira2013therapeutic',
    ),
    'fuentes2014enhanced': Work(
        authors='Fuentes et al.',
        date='2014',
        order=3,
        parts=(
            ((
                'Fuentes, J., Armijo-Olivo, S., Funabashi, M., Miciak, M., Dick, B., Warren, S., '
                'Rashiq, S., Magee, D. J., & Gross, D. P. (2014). Enhanced therapeutic alliance '
                'modulates pain intensity and muscle pain sensitivity in patients with chronic low '
                'back pain: An experimental controlled study. '
            ), ''),
            ('Physical Therapy', 'em'),
            (', ', ''),
            ('94', 'em'),
            ('(4), 477–489. ', ''),
            ('https://doi.org/10.2522/ptj.20130118', 'link'),
        ),
        href='references.html#ref-fuentes2014enhanced',
    ),
    'hill2011comparison': Work(
        authors='Hill et al.',
        date='2011',
        order=5,
        parts=(
            ((
                'Hill, J. C., Whitehurst, D. G. T., Lewis, M., Bryan, S., Dunn, K. M., Foster, N. E.,'
                ' Konstantinou, K., Main, C. J., Mason, E., Somerville, S., Sowden, G., Vohora, K., &'
                ' Hay, E. M. (2011). Comparison of stratified primary care management for low back '
                'pain with current best practice (STarT Back): A randomised controlled trial. '
            ), ''),
            ('The Lancet', 'em'),
            (', ', ''),
            ('378', 'em'),
            ('(9802), 1560–1571. ', ''),
            ('https://doi.org/10.1016/S0140-6736(11)60937-9', 'link'),
        ),
        href='references.html#ref-hill2011comparison',
    ),
    'holopainen2018nonencounters': Work(
        authors='Holopainen et al.',
        date='2018',
        order=6,
        parts=(
            ((
                "Holopainen, R., Piirainen, A., Heinonen, A., Karppinen, J., & O'Sullivan, P. (2018)."
                " From 'non-encounters' to autonomic agency. Conceptions of patients with low back "
                'pain about their encounters in the health care system. '
            ), ''),
            ('Musculoskeletal Care', 'em'),
            (', ', ''),
            ('16', 'em'),
            ('(2), 269–277.', ''),
        ),
        href='references.html#ref-holopainen2018nonencounters',
    ),
    'macphail2018therapeutic': Work(
        authors='Macphail',
        date='2018a',
        order=9,
        parts=(
            ('Macphail, K. (2018a). ', ''),
            ('The therapeutic alliance and low back pain', 'em'),
            (' [Blog post].', ''),
        ),
        href='references.html#ref-macphail2018therapeutic',
    ),
    'macphail2018why': Work(
        authors='Macphail',
        date='2018b',
        order=10,
        parts=(
            ('Macphail, K. (2018b). ', ''),
            ((
                'The why, how and what, physiotherapist management of chronic low back pain patients '
                'with yellow flags'
            ), 'em'),
            (' [Unpublished MSc research].', ''),
        ),
        href='references.html#ref-macphail2018why',
    ),
    'miciak2018necessary': Work(
        authors='Miciak et al.',
        date='2018',
        order=11,
        parts=(
            ((
                'Miciak, M., et al. (2018). The necessary conditions of engagement for the '
                'therapeutic relationship in physiotherapy: An interpretive description study. '
            ), ''),
            ('Archives of Physiotherapy', 'em'),
            ('. ', ''),
            ('https://doi.org/10.1186/s40945-018-0044-1', 'link'),
        ),
        href='references.html#ref-miciak2018necessary',
    ),
    'nice2016low': Work(
        authors='National Institute for Health and Care Excellence',
        date='2016',
        order=12,
        parts=(
            ('National Institute for Health and Care Excellence. (2016). ', ''),
            ('Low back pain and sciatica in over 16s: Assessment and management', 'em'),
            (' (NICE Guideline No. NG59).', ''),
        ),
        href='references.html#ref-nice2016low',
    ),
    'roland1983study': Work(
        authors='Roland & Morris',
        date='1983',
        order=14,
        parts=(
            ((
                'Roland, M., & Morris, R. (1983). A study of the natural history of back pain. Part '
                'I: Development of a reliable and sensitive measure of disability in low-back pain. '
            ), ''),
            ('Spine', 'em'),
            (', ', ''),
            ('8', 'em'),
            ('(2), 141–144. ', ''),
            ('https://doi.org/10.1097/00007632-198303000-00004', 'link'),
        ),
        href='references.html#ref-roland1983study',
    ),
    'stenner2018matters': Work(
        authors='Stenner et al.',
        date='2018',
        order=15,
        parts=(
            ((
                'Stenner, R., Palmer, S., & Hammond, R. (2018). What matters most to people in '
                'musculoskeletal physiotherapy consultations? A qualitative study. '
            ), ''),
            ('Musculoskeletal Science and Practice', 'em'),
            (', ', ''),
            ('35', 'em'),
            (', 84–89. ', ''),
            ('https://doi.org/10.1016/j.msksp.2018.03.005', 'link'),
        ),
        href='references.html#ref-stenner2018matters',
    ),
    'traeger2019effect': Work(
        authors='Traeger et al.',
        date='2019',
        order=17,
        parts=(
            ((
                'Traeger, A. C., Lee, H., Hübscher, M., Skinner, I. W., Moseley, G. L., Nicholas, M. '
                'K., Henschke, N., Refshauge, K. M., Blyth, F. M., Main, C. J., Hush, J. M., Lo, S., '
                '& McAuley, J. H. (2019). Effect of intensive patient education vs placebo patient '
                'education on outcomes in patients with acute low back pain: A randomized clinical '
                'trial. '
            ), ''),
            ('JAMA Neurology', 'em'),
            (', ', ''),
            ('76', 'em'),
            ('(2), 161–169. ', ''),
            ('https://doi.org/10.1001/jamaneurol.2018.3376', 'link'),
        ),
        href='references.html#ref-traeger2019effect',
    ),
}
