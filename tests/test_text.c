/* The one Unicode normalisation (lib/text.c): NFC/NFD, Vietnamese case
 * folding, diacritic-insensitive keys, unit codes from names. */
#include "helpers.h"
#include "internal.h"

static void key_is(const char *in, int flags, const char *want)
{
    char *k = NULL;
    OK(r57__text_key(&k, in, flags));
    ck_assert_str_eq(k, want);
    r57__free(k);
}

static void code_is(const char *in, const char *want)
{
    char *k = NULL;
    OK(r57__text_code(&k, in));
    ck_assert_str_eq(k, want);
    r57__free(k);
}

/* "Bộ Khoa học và Công nghệ" in NFC and in NFD (o + dot below + circumflex). */
#define MOST_NFC "B\xe1\xbb\x99 Khoa h\xe1\xbb\x8d" "c v\xc3\xa0 C\xc3\xb4ng ngh\xe1\xbb\x87"
#define MOST_NFD "Bo\xcc\xa3\xcc\x82 Khoa ho\xcc\xa3" "c va\xcc\x80 Co\xcc\x82ng nghe\xcc\xa3\xcc\x82"

START_TEST(test_text_key__nfd_and_nfc_are_one_key)
{
    char *a, *b;
    OK(r57__text_key(&a, MOST_NFC, 0));
    OK(r57__text_key(&b, MOST_NFD, 0));
    ck_assert_str_eq(a, b);
    /* Composed, lower case: "bộ khoa học và công nghệ". */
    ck_assert_str_eq(a, "b\xe1\xbb\x99 khoa h\xe1\xbb\x8d" "c v\xc3\xa0 c\xc3\xb4ng ngh\xe1\xbb\x87");
    r57__free(a);
    r57__free(b);
}
END_TEST

START_TEST(test_text_key__vietnamese_capitals_fold)
{
    /* "ĐẠI HỌC" folds to "đại học"; "ƯU TIÊN" to "ưu tiên". */
    key_is("\xc4\x90\xe1\xba\xa0I H\xe1\xbb\x8c" "C", 0, "\xc4\x91\xe1\xba\xa1i h\xe1\xbb\x8d" "c");
    key_is("\xc6\xaf" "U TI\xc3\x8aN", 0, "\xc6\xb0u ti\xc3\xaan");
    key_is("  Ministry   of\tJustice \n", 0, "ministry of justice");
}
END_TEST

START_TEST(test_text_key__bare_drops_every_mark_and_the_stroke)
{
    key_is(MOST_NFC, R57__TEXT_BARE, "bo khoa hoc va cong nghe");
    key_is(MOST_NFD, R57__TEXT_BARE, "bo khoa hoc va cong nghe");
    key_is("Bo Khoa hoc va Cong nghe", R57__TEXT_BARE, "bo khoa hoc va cong nghe");
    /* Đà Nẵng, with both strokes. */
    key_is("\xc4\x90\xc3\xa0 N\xe1\xba\xb5ng", R57__TEXT_BARE, "da nang");
    /* Old and new tone placement: "Thanh Hoá" and "Thanh Hóa". */
    key_is("Thanh Ho\xc3\xa1", R57__TEXT_BARE, "thanh hoa");
    key_is("Thanh Ho\xc3\xa1", 0, "thanh ho\xc3\xa1");
}
END_TEST

START_TEST(test_text_code__ascii_upper_never_mixed)
{
    code_is("B\xe1\xbb\x99 T\xc3\xa0i ch\xc3\xadnh", "BO-TAI-CHINH");
    code_is(MOST_NFD, "BO-KHOA-HOC-VA-CONG-NGHE");
    code_is("\xc4\x90\xe1\xba\xa1i h\xe1\xbb\x8d" "c Qu\xe1\xbb\x91" "c gia H\xc3\xa0 N\xe1\xbb\x99i",
            "DAI-HOC-QUOC-GIA-HA-NOI");
    code_is("Ministry of Justice", "MINISTRY-OF-JUSTICE");
    code_is("  B\xe1\xbb\x99 KH&CN ", "BO-KH-CN");
    char *k = NULL;
    FAILS(R57_EINVAL, "no unit code can be made of '\xe2\x80\x94': it has no letter or digit "
                      "that folds to ASCII", r57__text_code(&k, "\xe2\x80\x94"));
}
END_TEST

START_TEST(test_text_key__not_utf8_is_refused)
{
    char *k = NULL;
    FAILS(R57_EINVAL, "text is not valid UTF-8 (Invalid UTF-8 string)",
          r57__text_key(&k, "Vi\xf3t", 0));
    ck_assert_ptr_null(k);
    ck_assert_int_eq(r57__text_equal(MOST_NFC, "bo khoa hoc va cong nghe", R57__TEXT_BARE), 1);
    ck_assert_int_eq(r57__text_equal(MOST_NFC, "bo khoa hoc va cong nghe", 0), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, test_text_key__nfd_and_nfc_are_one_key);
    tcase_add_test(tc, test_text_key__vietnamese_capitals_fold);
    tcase_add_test(tc, test_text_key__bare_drops_every_mark_and_the_stroke);
    tcase_add_test(tc, test_text_code__ascii_upper_never_mixed);
    tcase_add_test(tc, test_text_key__not_utf8_is_refused);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
