/// The one stylesheet, served from `/assets/style.css` (the CSP allows no inline style). Plain,
/// readable on a phone, with print styles that drop the navigation and forms.
enum Stylesheet {
    static let css = """
        *{box-sizing:border-box}
        body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#1b1b1b;background:#fafafa;line-height:1.45}
        header{display:flex;flex-wrap:wrap;gap:.6em;align-items:center;padding:.6em 1em;background:#8a1538;color:#fff}
        header a,header button{color:#fff}
        header .brand{font-weight:700;text-decoration:none;margin-right:1em}
        header nav{display:flex;flex-wrap:wrap;gap:.8em;flex:1}
        header button{background:none;border:1px solid #fff;border-radius:3px;padding:.2em .6em;cursor:pointer}
        main{max-width:60em;margin:0 auto;padding:1em}
        h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;width:100%;margin:.5em 0}
        th,td{text-align:left;padding:.35em .5em;border-bottom:1px solid #e3e3e3;vertical-align:top}
        dl.fields{display:grid;grid-template-columns:minmax(8em,14em) 1fr;gap:.2em 1em}
        dl.fields dt{font-weight:600}
        form.stack label{display:block;margin-top:.7em;font-weight:600}
        form.stack input[type=text],form.stack input[type=password],form.stack input[type=date],form.stack input[type=time],form.stack input[type=number],form.stack input[type=email],
        form.stack select,form.stack textarea{width:100%;max-width:32em;padding:.4em;font:inherit}
        fieldset{border:1px solid #ddd;margin:1em 0;padding:.5em 1em}
        form.stack .checks label,.checks label{display:inline-block;font-weight:400;margin:.15em 1.2em .15em 0}
        .choice label{display:inline-block;font-weight:400;margin:.15em 1.2em .15em 0}.choice legend{font-weight:400}
        .field input+input{margin-top:.3em}
        .field small{display:block}
        .error{color:#a00000;font-weight:600}
        .invalid input,.invalid select,.invalid textarea{border:2px solid #a00000}
        .notice{background:#e7f4e4;padding:.5em 1em;border-left:4px solid #2e7d32}
        .warning{background:#fff4e0;padding:.5em 1em;border-left:4px solid #e08a00}
        .erased{border:2px solid #000;padding:.5em}
        button,.button{font:inherit;padding:.4em 1em;margin-top:.8em}
        form.inline{display:inline}form.inline button{margin:0 0 0 .5em;padding:.1em .6em}
        details summary{cursor:pointer;margin:.6em 0;font-weight:600}
        .muted{color:#666}
        @media print{header,form,nav{display:none}body{background:#fff}main{max-width:none}}
        """
}
