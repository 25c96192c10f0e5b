"""Kept pictures' names and folders, what posts refer to, and a picture shown as a figure — pure functions."""

from __future__ import annotations

import hashlib

import pytest

from newscrawl.archive.pictures import (
    figure_html, images_dir, is_picture_name, picture_name, pictures_at, referenced_pictures,
)

NAME = "ab/" + "ab" * 16 + ".jpg"


def test_a_picture_is_named_by_its_content_and_format():
    data = b"\xff\xd8\xff picture bytes"
    digest = hashlib.sha256(data).hexdigest()[:32]
    assert picture_name(data, "JPEG") == f"{digest[:2]}/{digest}.jpg"
    assert picture_name(data, "MPO") == picture_name(data, "JPEG")
    assert picture_name(data, "PNG").endswith(".png") and picture_name(b"other", "PNG") != picture_name(data, "PNG")
    with pytest.raises(KeyError):
        picture_name(data, "TIFF")  # a format browsers do not show is not kept


@pytest.mark.parametrize("name", [NAME, "0f/" + "0f" * 16 + ".webp"])
def test_kept_names_are_recognised(name):
    assert is_picture_name(name)


@pytest.mark.parametrize("name", [None, "", "../../_config.yml", "ab/../../x.jpg", "/etc/passwd", "ab/AB.jpg",
                                  "ab/" + "ab" * 16 + ".svg", "ab/" + "ab" * 16 + ".jpg/../x", NAME + "\n", 12])
def test_anything_else_is_no_kept_name(name):
    assert not is_picture_name(name)


def test_each_format_has_its_images_folder():
    assert str(images_dir("jekyll")) == "assets/images" and str(images_dir("hugo")) == "static/images"


def test_the_pictures_a_post_refers_to_are_found_whatever_the_base_url():
    text = (f'<img src="/assets/images/{NAME}"> <img src="//news.example.org/sub/images/{NAME[:-3]}png">'
            f' <img src="/assets/images/logo.png"> data-src="http://img.example/{NAME}"')
    assert referenced_pictures(text) == {NAME, NAME[:-3] + "png"}


def test_a_kept_picture_is_shown_from_the_archive_with_the_papers_address_beside_it():
    picture = {"url": "http://img.example/a b.jpg", "caption": "图为{{ x }} <b>", "alt": '"q"', "file": NAME}
    assert figure_html(picture, "//news.example.org", "hugo") == (
        f'<figure><img src="//news.example.org/images/{NAME}" data-src="http://img.example/a%20b.jpg" '
        'alt="&quot;q&quot;"><figcaption>图为&#123;&#123; x &#125;&#125; &lt;b&gt;</figcaption></figure>')


def test_a_picture_not_kept_is_shown_from_the_paper_and_one_without_a_web_address_not_at_all():
    assert figure_html({"url": "https://img.example/a.jpg", "file": "../x.jpg"}, "", "jekyll") == (
        '<figure><img src="https://img.example/a.jpg" alt=""></figure>')
    assert figure_html({"url": "javascript:alert(1)"}, "", "jekyll") is None
    assert figure_html("http://img.example/a.jpg", "", "jekyll") is None


def test_pictures_are_grouped_by_the_paragraph_they_precede():
    pictures = [{"position": 0}, {"position": 2}, {"position": 9}, {"position": -1}, {"position": True},
                {"position": "1"}, {}, "not a dict"]
    slots = pictures_at(pictures, 2)
    assert slots == [[{"position": 0}], [], [{"position": 2}, {"position": 9}, {"position": -1}, {"position": True},
                                            {"position": "1"}, {}, "not a dict"]]
