"""Finding a 版面 page's own PDF and page image in the saved pages of real Founder-style e-papers."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.modes.pagefiles import find_page_files

PAGES = Path(__file__).resolve().parents[2] / "newscrawl/profiles/pages"


@pytest.mark.parametrize("saved, url, pdf, image", [
    # Founder's classic layout: every row of the 版面 list links that 版面's PDF; the page is the row of its own link
    ("hunanribao/epaper.voc.com.cn/hnrb/html/2022-08/24/node_202.htm",
     "http://epaper.voc.com.cn/hnrb/html/2022-08/24/node_202.htm",
     "http://epaper.voc.com.cn/hnrb/images/2022-08/24/02/hnrb202208240002.pdf",
     "http://epaper.voc.com.cn/hnrb/images/2022-08/24/02/page_b.jpg"),
    ("jiangxiribao/epaper.jxxw.com.cn/html/2023-05/23/node_5452.htm",
     "https://epaper.jxxw.com.cn/html/2023-05/23/node_5452.htm",
     "https://epaper.jxxw.com.cn/resfile/2023-05-23/02/jxrb-20230523-002.pdf",
     "https://epaper.jxxw.com.cn/resfile/2023-05-23/02/jxrb-20230523-002.jpg"),
    ("jiangxiribao/epaper.jxnews.com.cn/jxrb/html/2017-10/10/node_187.htm",
     "http://epaper.jxnews.com.cn/jxrb/html/2017-10/10/node_187.htm",
     "http://epaper.jxnews.com.cn/jxrb/page/186/2017-10-10/A01/51871507583211890.pdf",
     "http://epaper.jxnews.com.cn/jxrb/page/186/2017-10-10/A01/51871507583211890.jpg"),
    ("chongqingribao/epaper.cqrb.cn/cqrb/2025-11/18/002/node.htm",
     "https://epaper.cqrb.cn/cqrb/2025-11/18/002/node.htm",
     "https://epaper.cqrb.cn/images/cqrb/2025-11/18/002/cqrb20251118002.pdf",
     "https://epaper.cqrb.cn/images/cqrb/2025-11/18/002/b_002.jpg"),
    # the PDF in an attribute a script reads, one folder above the page image's: the page's row of the list
    ("zhejiangribao/zjrb.zjol.com.cn/html/2025-08/12/node_19.htm",
     "https://zjrb.zjol.com.cn/html/2025-08/12/node_19.htm",
     "https://zjrb.zjol.com.cn/images/2025-08/12/zjrb202508120002v01n.pdf",
     "https://zjrb.zjol.com.cn/images/2025-08/12/02/zjrb202508120002_b.jpg"),
    # the newer layout names its PDF in a hidden paragraph, not a link
    ("hubeiribao/epaper.hubeidaily.net/pc/column/202404/23/node_01.html",
     "https://epaper.hubeidaily.net/pc/column/202404/23/node_01.html",
     "https://epaper.hubeidaily.net/pc/images/202404/23/01/hbrb2024042301.pdf",
     "https://epaper.hubeidaily.net/pc/images/202404/23/01/page.jpg"),
    # one "PDF下载" link under the page
    ("renminribao/paper.people.com.cn/rmrb/html/2024-11/19/nbs.D110000renmrb_02.htm",
     "http://paper.people.com.cn/rmrb/html/2024-11/19/nbs.D110000renmrb_02.htm",
     "http://paper.people.com.cn/rmrb/images/2024-11/19/02/rmrb2024111902.pdf",
     "http://paper.people.com.cn/rmrb/images/2024-11/19/02/rmrb202411190102_b.jpg"),
])
def test_the_pages_own_pdf_and_image_among_the_links_to_every_pages_pdf(saved, url, pdf, image):
    found = find_page_files((PAGES / saved).read_bytes(), url)
    assert (found.pdf, found.image) == (pdf, image)


def test_a_page_that_names_several_pdfs_and_none_its_own_gives_none():
    body = b"""<html><body><a href="a/1.pdf">1</a> <a href="b/2.pdf">2</a></body></html>"""
    found = find_page_files(body, "http://e.test/html/node_3.htm")
    assert (found.pdf, found.image) == (None, None)


def test_scripts_and_other_schemes_are_no_page_files():
    body = b"""<html><body><img src="javascript:alert(1)" usemap="#m"><a href="mailto:x@y.pdf">x</a></body></html>"""
    found = find_page_files(body, "http://e.test/html/node_1.htm")
    assert (found.pdf, found.image) == (None, None)


def test_without_a_page_image_the_pdf_is_the_one_in_the_row_of_the_pages_own_link():
    body = """<html><body><table>
    <tr><td><a id="pageLink" href="node_1.htm">第01版：要闻</a></td><td><a href="../pdf/01.pdf">PDF</a></td></tr>
    <tr><td><a id="pageLink" href="node_2.htm">第02版：经济</a></td><td><a href="../pdf/02.pdf">PDF</a></td></tr>
    </table></body></html>""".encode()
    found = find_page_files(body, "http://e.test/html/node_2.htm")
    assert (found.pdf, found.image) == ("http://e.test/pdf/02.pdf", None)
