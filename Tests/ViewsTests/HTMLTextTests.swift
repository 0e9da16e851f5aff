import Testing
import Views

/// Every value put into a page goes through `HTMLText.escape`: the five characters that could
/// end an element or an attribute are rewritten, everything else (Vietnamese included) stays.
@Suite struct HTMLTextTests {
    @Test func escapesTheFiveSpecialCharactersAndNothingElse() {
        #expect(HTMLText.escape("Trần Thị Bích Ngọc") == "Trần Thị Bích Ngọc")
        #expect(HTMLText.escape("") == "")
        #expect(HTMLText.escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        #expect(HTMLText.escape("\" onmouseover=\"x") == "&quot; onmouseover=&quot;x")
        #expect(HTMLText.escape("Hải Phòng & Hà Nội") == "Hải Phòng &amp; Hà Nội")
        #expect(HTMLText.escape("&amp;") == "&amp;amp;")
    }
}
