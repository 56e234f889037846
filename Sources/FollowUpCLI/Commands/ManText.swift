import FollowUpCore

/// The hand-written parts of the manual pages, in English and Vietnamese (mdoc source), and
/// the Vietnamese of the commands' help texts. Everything that lists what the program has
/// (commands, options, filter fields, config keys, interchange fields) is generated; this
/// file only describes it.
enum ManText {
  /// One text in both languages.
  struct Bilingual {
    let en: String
    let vi: String
  }

  // MARK: Section titles

  static let name = Bilingual(en: "NAME", vi: "TÊN")
  static let synopsis = Bilingual(en: "SYNOPSIS", vi: "CÚ PHÁP")
  static let description = Bilingual(en: "DESCRIPTION", vi: "MÔ TẢ")
  static let commands = Bilingual(en: "COMMANDS", vi: "CÁC LỆNH")
  static let filters = Bilingual(en: "FILTERS", vi: "BỘ LỌC")
  static let settings = Bilingual(en: "SETTINGS", vi: "CÁC THIẾT LẬP")
  static let values = Bilingual(en: "VALUES", vi: "CÁC GIÁ TRỊ")
  static let csv = Bilingual(en: "CSV", vi: "CSV")
  static let importing = Bilingual(en: "IMPORT AND OUTPUT", vi: "NHẬP VÀ XUẤT DỮ LIỆU")
  static let values1 = Bilingual(en: "values", vi: "giá trị")
  static let default1 = Bilingual(en: "default", vi: "mặc định")
  static let noDescription = Bilingual(
    en: "See the example file and the program's messages.",
    vi: "Xem tệp ví dụ và thông báo của chương trình.")

  // MARK: followup(1)

  static let followupDescription = Bilingual(
    en: """
      .Nm
      tracks the tasks that meeting conclusions assign to agencies: who leads, who coordinates,
      which person is in charge, by when, and whether each task was done on time.
      With no command it opens the full-screen interface on the data file; press
      .Ic \\&?
      there for every key.
      With a command it reads or changes the data file and prints plain text, JSON or CSV for
      scripts.
      .Pp
      Every change is one transaction, recorded in the history with the name of whoever made it,
      and can be undone.
      Deadlines are judged as of a day (today, or the day given with
      .Fl -as-of ) :
      an approved extension moves the deadline from the day it was decided, finishing on the
      deadline day is on time, and an open task is overdue from the next day.
      Dates may be written 26/5/2023, 26-5-2023, 2023-05-26 or
      .Ql ngày 26 tháng 5 năm 2023 ;
      deadlines also as
      .Ql tháng 11/2023 ,
      .Ql Quý I/2024 ,
      .Ql 6 tháng đầu năm 2023 ,
      .Ql năm 2023
      or
      .Ql thường xuyên .
      """,
    vi: """
      .Nm
      theo dõi các nhiệm vụ được giao tại thông báo kết luận của các cuộc họp, buổi làm việc:
      cơ quan chủ trì, cơ quan phối hợp, cán bộ phụ trách, thời hạn, và nhiệm vụ đã được thực
      hiện đúng hạn hay chưa.
      Khi không có lệnh, chương trình mở giao diện toàn màn hình trên tệp dữ liệu; bấm
      .Ic \\&?
      trong giao diện để xem mọi phím.
      Khi có lệnh, chương trình đọc hoặc cập nhật tệp dữ liệu và in kết quả dạng văn bản,
      JSON hoặc CSV để dùng trong các tập lệnh.
      .Pp
      Mỗi thay đổi là một giao dịch, được ghi vào lịch sử cùng tên người thực hiện, và có thể
      hoàn tác.
      Thời hạn được xét tại một ngày (hôm nay, hoặc ngày ghi ở
      .Fl -as-of ) :
      gia hạn đã được chấp thuận thì tính theo thời hạn mới kể từ ngày có ý kiến chấp thuận;
      hoàn thành đúng ngày hết hạn là đúng hạn; nhiệm vụ chưa hoàn thành bị tính quá hạn từ
      ngày hôm sau.
      Ngày có thể viết 26/5/2023, 26-5-2023, 2023-05-26 hoặc
      .Ql ngày 26 tháng 5 năm 2023 ;
      thời hạn còn có thể viết
      .Ql tháng 11/2023 ,
      .Ql Quý I/2024 ,
      .Ql 6 tháng đầu năm 2023 ,
      .Ql năm 2023
      hoặc
      .Ql thường xuyên .
      """)

  static let interfaceOptions = Bilingual(
    en: "Options of the interface (and of every command that reads or writes the data file):",
    vi: "Tùy chọn của giao diện (và của mọi lệnh đọc hoặc ghi tệp dữ liệu):")

  static let commonOptions = Bilingual(
    en: """
      Every command that reads or writes the data file takes
      .Fl -file
      and
      .Fl -lang
      (and those that judge deadlines,
      .Fl -as-of ) ,
      described here once.
      .Fl -version
      prints the version;
      .Fl h , Fl -help
      or
      .Nm followup Cm help Ar command
      prints the help of the program or of a command.
      Errors are one sentence on standard error, with a non-zero exit status.
      """,
    vi: """
      Mọi lệnh đọc hoặc ghi tệp dữ liệu đều nhận
      .Fl -file
      và
      .Fl -lang
      (các lệnh xét thời hạn nhận thêm
      .Fl -as-of ) ,
      chỉ mô tả một lần ở đây.
      .Fl -version
      in số phiên bản;
      .Fl h , Fl -help
      hoặc
      .Nm followup Cm help Ar lệnh
      in hướng dẫn của chương trình hoặc của một lệnh.
      Lỗi được báo bằng một câu trên luồng lỗi chuẩn, kèm mã thoát khác 0.
      """)

  static let filterIntro = Bilingual(
    en: """
      The interface
      .Ns ( Ic f
      or
      .Ic \\&: )
      and the commands that take filter words
      .Ns ( Cm list , count , export , agenda )
      share one language:
      .Bd -literal -offset indent
      agency:LHH status:overdue owner:thuy due<31/12/2023 #khẩn nguyen binh khiem
      .Ed
      .Pp
      A term is a field and its value; the fields are:
      """,
    vi: """
      Giao diện
      .Ns ( Ic f
      hoặc
      .Ic \\&: )
      và các lệnh nhận điều kiện lọc
      .Ns ( Cm list , count , export , agenda )
      dùng chung một cách viết:
      .Bd -literal -offset indent
      agency:LHH status:overdue owner:thuy due<31/12/2023 #khẩn nguyen binh khiem
      .Ed
      .Pp
      Mỗi điều kiện gồm một trường và giá trị của nó; các trường là:
      """)

  static let filterFields: [String: Bilingual] = [
    "agency:": Bilingual(
      en: "The lead agency: a code, a name or an alias; a word that names no single agency takes every agency whose name holds it (agency:sở is every Sở).",
      vi: "Cơ quan chủ trì: mã, tên hoặc tên gọi khác; một từ không chỉ riêng cơ quan nào thì lấy mọi cơ quan có từ đó trong tên (agency:sở là mọi Sở)."),
    "with:": Bilingual(
      en: "A coordinating agency, written as for agency:.",
      vi: "Cơ quan phối hợp, viết như agency:."),
    "status:": Bilingual(
      en: "The state: open, overdue, due_soon, in_time, done, on_time, late, no_deadline, routine, extended, pending (an extension awaiting decision), not_started, in_progress, reported, withdrawn, or the Vietnamese words (qua_han, trong_han, hoan_thanh, thuong_xuyen…); status:mine (or is:mine) is the tasks of the current user.",
      vi: "Tình trạng: open, overdue, due_soon, in_time, done, on_time, late, no_deadline, routine, extended, pending (đề nghị gia hạn đang chờ ý kiến), not_started, in_progress, reported, withdrawn, hoặc từ tiếng Việt tương ứng (qua_han, trong_han, hoan_thanh, thuong_xuyen…); status:mine (hoặc is:mine) là các nhiệm vụ của người đang dùng."),
    "owner:": Bilingual(
      en: "The person in charge: a ref (P06), a name (thuy) or me.",
      vi: "Cán bộ phụ trách: mã (P06), tên (thuy) hoặc me (chính mình)."),
    "tracker:": Bilingual(
      en: "The officer who tracks the task, written as for owner:.",
      vi: "Cán bộ theo dõi nhiệm vụ, viết như owner:."),
    "who:": Bilingual(
      en: "Either the person in charge or the tracking officer.",
      vi: "Cán bộ phụ trách hoặc cán bộ theo dõi."),
    "meeting:": Bilingual(
      en: "The meeting, by its ref (M2023-0526).",
      vi: "Cuộc họp, theo mã (M2023-0526)."),
    "tag:": Bilingual(en: "A tag.", vi: "Một nhãn."),
    "#": Bilingual(en: "A tag: #khẩn is tag:khẩn.", vi: "Một nhãn: #khẩn tương đương tag:khẩn."),
    "id:": Bilingual(en: "A task number or a range: id:12, id:3-7.", vi: "Số nhiệm vụ hoặc một khoảng số: id:12, id:3-7."),
    "priority:": Bilingual(en: "yes or no: key tasks only, or the others.", vi: "yes hoặc no: chỉ nhiệm vụ trọng tâm, hoặc các nhiệm vụ còn lại."),
    "due<…": Bilingual(
      en: "By deadline: due<D, due<=D, due>D, due>=D, due=D, with a date D.",
      vi: "Theo thời hạn: due<D, due<=D, due>D, due>=D, due=D, với D là một ngày."),
    "due:": Bilingual(
      en: "By deadline: due:D1..D2 (a period), due:today, due:week, due:month, due:none (no deadline).",
      vi: "Theo thời hạn: due:D1..D2 (một khoảng thời gian), due:today (hôm nay), due:week (tuần này), due:month (tháng này), due:none (không có thời hạn)."),
    "done<…": Bilingual(
      en: "By completion day, with the same forms as due.",
      vi: "Theo ngày hoàn thành, viết như due."),
  ]

  static let filterRules = Bilingual(
    en: """
      Commas mean any of them (agency:LHH,DD_LHH); terms are all required; a leading
      .Ql -
      negates a term (-status:done).
      Plain words form one phrase, matched by whole words and without diacritics
      .Ns ( Ql nguyen binh khiem
      finds Nguyễn Bỉnh Khiêm,
      .Ql dao
      finds Đào,
      .Ql doan
      does not find doanh); quotes group a phrase with spaces in a value
      .Ns ( Ql agency:\\(dqSở KH&CN\\(dq ) .
      A term that cannot be read is an error that names it.
      """,
    vi: """
      Dấu phẩy nghĩa là một trong các giá trị (agency:LHH,DD_LHH); mọi điều kiện đều phải thỏa;
      dấu
      .Ql -
      đứng trước phủ định một điều kiện (-status:done).
      Các từ thường tạo thành một cụm từ, được so khớp theo nguyên từ và không cần dấu
      .Ns ( Ql nguyen binh khiem
      tìm được Nguyễn Bỉnh Khiêm,
      .Ql dao
      tìm được Đào,
      .Ql doan
      không khớp với doanh); dấu ngoặc kép nhóm một giá trị có dấu cách
      .Ns ( Ql agency:\\(dqSở KH&CN\\(dq ) .
      Điều kiện viết sai được báo lỗi, nêu đúng điều kiện đó.
      """)

  static let followupTail = Bilingual(
    en: """
      .Sh ENVIRONMENT
      .Bl -tag -width XDG_CONFIG_HOME
      .It Ev FOLLOWUP_FILE
      The data file when
      .Fl -file
      is not given (wins over the config file's
      .Cm file ) .
      .It Ev FOLLOWUP_USER
      The name recorded in the history (wins over the config file's
      .Cm user ;
      else
      .Ev USER ) .
      .It Ev XDG_DATA_HOME , Ev XDG_CONFIG_HOME
      Where the default data file and the config file live.
      .It Ev LANG , Ev LC_ALL , Ev LC_MESSAGES
      The language when neither
      .Fl -lang
      nor the config file chooses one: Vietnamese for a vi locale, else English.
      .It Ev NO_COLOR
      When set, the interface uses no colour; the marks
      .Ns ( Ql \\&! ,
      .Ql ~ ,
      .Ql ✓ )
      still say what colour would.
      .It Ev TERM
      The terminal type; the interface refuses to start on
      .Ql dumb
      (commands still work).
      .It Ev VISUAL , Ev EDITOR
      The editor for
      .Nm followup Cm edit Fl -editor
      and the interface's
      .Ic E
      key (else
      .Xr vi 1 ) ,
      split into words on spaces and quotes and never run through a shell.
      .It Ev TZ
      Today is taken in Vietnam time (Asia/Ho_Chi_Minh) unless
      .Ev TZ
      names another zone.
      .El
      .Sh FILES
      .Bl -tag -width 6n
      .It Pa $XDG_DATA_HOME/followup/followup.db
      The data file (default
      .Pa ~/.local/share/followup/followup.db ) ,
      one SQLite file created with its folder on first use, readable by its owner only unless
      the config file says
      .Cm share No = Qq group .
      Several programs may use it at once; a writer waits up to 5 seconds for another.
      A new file already holds the city's agency directory.
      .It Pa $XDG_CONFIG_HOME/followup/config.toml
      The config file (default
      .Pa ~/.config/followup/config.toml ) ,
      described in
      .Xr followup-config 5 .
      .El
      .Sh EXIT STATUS
      0 on success; 1, with one sentence on standard error, when the command could not do what
      was asked, leaving the data file unchanged; 64 for a usage error.
      .Sh SHELL COMPLETION
      .Nm followup Fl -generate-completion-script Ar bash|zsh|fish
      prints a completion script; agency codes complete from the data file for
      .Fl -lead ,
      .Fl -with ,
      .Cm reassign Fl -to
      and the agenda's
      .Cm agency:
      filter.
      .Sh EXAMPLES
      .Bd -literal -offset indent
      followup --demo
      followup import danh-sach.json
      followup list status:overdue agency:LHH
      followup add "Rà soát hội đặc thù" --lead LHH --owner thuy --deadline "Quý I/2024"
      followup done 2 5 --on 5/1/2024
      followup edit 4 --editor
      followup agenda --days 14
      followup workload --as-of 31/12/2023 --rollup
      followup report --from 26/5/2023 --to 31/12/2023 --format html -o bao-cao.html
      followup export -o backup.json
      .Ed
      .Sh SEE ALSO
      .Xr followup-config 5 ,
      .Xr followup-interchange 5 ,
      .Xr sqlite3 1
      """,
    vi: """
      .Sh BIẾN MÔI TRƯỜNG
      .Bl -tag -width XDG_CONFIG_HOME
      .It Ev FOLLOWUP_FILE
      Tệp dữ liệu khi không có
      .Fl -file
      (được ưu tiên hơn thiết lập
      .Cm file
      trong tệp cấu hình).
      .It Ev FOLLOWUP_USER
      Tên được ghi vào lịch sử thay đổi (được ưu tiên hơn thiết lập
      .Cm user ;
      nếu không có thì dùng
      .Ev USER ) .
      .It Ev XDG_DATA_HOME , Ev XDG_CONFIG_HOME
      Nơi đặt tệp dữ liệu mặc định và tệp cấu hình.
      .It Ev LANG , Ev LC_ALL , Ev LC_MESSAGES
      Ngôn ngữ khi cả
      .Fl -lang
      lẫn tệp cấu hình đều không chọn: tiếng Việt nếu locale là vi, ngược lại là tiếng Anh.
      .It Ev NO_COLOR
      Khi được đặt, giao diện không dùng màu; các ký hiệu
      .Ns ( Ql \\&! ,
      .Ql ~ ,
      .Ql ✓ )
      vẫn cho biết điều mà màu sắc thể hiện.
      .It Ev TERM
      Loại thiết bị đầu cuối; giao diện không mở được khi là
      .Ql dumb
      (các lệnh vẫn chạy bình thường).
      .It Ev VISUAL , Ev EDITOR
      Trình soạn thảo dùng cho
      .Nm followup Cm edit Fl -editor
      và phím
      .Ic E
      trong giao diện (mặc định
      .Xr vi 1 ) ;
      được tách thành các từ theo dấu cách và dấu ngoặc kép, không bao giờ chạy qua shell.
      .It Ev TZ
      Ngày hôm nay được tính theo giờ Việt Nam (Asia/Ho_Chi_Minh), trừ khi
      .Ev TZ
      chỉ định múi giờ khác.
      .El
      .Sh TỆP
      .Bl -tag -width 6n
      .It Pa $XDG_DATA_HOME/followup/followup.db
      Tệp dữ liệu (mặc định
      .Pa ~/.local/share/followup/followup.db ) ,
      là một tệp SQLite, được tạo cùng thư mục chứa ở lần dùng đầu tiên, chỉ chủ sở hữu đọc
      được, trừ khi tệp cấu hình có
      .Cm share No = Qq group .
      Nhiều chương trình có thể dùng tệp cùng lúc; một lệnh ghi chờ lệnh ghi khác tối đa 5 giây.
      Tệp mới đã có sẵn danh mục cơ quan của thành phố.
      .It Pa $XDG_CONFIG_HOME/followup/config.toml
      Tệp cấu hình (mặc định
      .Pa ~/.config/followup/config.toml ) ,
      mô tả trong
      .Xr followup-config 5 .
      .El
      .Sh TRẠNG THÁI THOÁT
      0 khi thành công; 1, kèm một câu báo lỗi trên luồng lỗi chuẩn, khi lệnh không thực hiện
      được yêu cầu (tệp dữ liệu giữ nguyên); 64 khi lệnh được gọi sai cú pháp.
      .Sh TỰ ĐỘNG HOÀN THÀNH LỆNH
      .Nm followup Fl -generate-completion-script Ar bash|zsh|fish
      in tập lệnh tự động hoàn thành cho shell; mã cơ quan được gợi ý từ tệp dữ liệu cho
      .Fl -lead ,
      .Fl -with ,
      .Cm reassign Fl -to
      và điều kiện
      .Cm agency:
      của lệnh agenda.
      .Sh VÍ DỤ
      .Bd -literal -offset indent
      followup --demo
      followup import danh-sach.json
      followup list status:overdue agency:LHH
      followup add "Rà soát hội đặc thù" --lead LHH --owner thuy --deadline "Quý I/2024"
      followup done 2 5 --on 5/1/2024
      followup edit 4 --editor
      followup agenda --days 14
      followup workload --as-of 31/12/2023 --rollup
      followup report --from 26/5/2023 --to 31/12/2023 --format html -o bao-cao.html
      followup export -o backup.json
      .Ed
      .Sh XEM THÊM
      .Xr followup-config 5 ,
      .Xr followup-interchange 5 ,
      .Xr sqlite3 1
      """)

  // MARK: followup-config(5)

  static let configSummary = Bilingual(
    en: "the settings file of followup",
    vi: "tệp cấu hình của followup")

  static let configDescription = Bilingual(
    en: """
      .Xr followup 1
      reads
      .Pa $XDG_CONFIG_HOME/followup/config.toml
      (else
      .Pa ~/.config/followup/config.toml )
      each time it starts.
      The file is TOML, UTF-8; every setting is optional, and one left out keeps its default.
      .Pp
      Precedence: command-line options, then the environment
      .Ns ( Ev FOLLOWUP_FILE , FOLLOWUP_USER , NO_COLOR , LANG ) ,
      then this file, then the defaults.
      .Pp
      A wrong value never stops the program: each problem is one line on standard error naming
      the key and the line, and that setting keeps its default (before the full screen opens,
      the program waits for Enter so the message can be read):
      .Bd -literal -offset indent
      followup: ~/.config/followup/config.toml line 3: key 'basis': 'soon' is
      not effective or original; using the default
      .Ed
      .Pp
      A TOML syntax error names its line and column, and the whole file is ignored.
      """,
    vi: """
      .Xr followup 1
      đọc
      .Pa $XDG_CONFIG_HOME/followup/config.toml
      (nếu không có thì
      .Pa ~/.config/followup/config.toml )
      mỗi lần khởi động.
      Tệp viết theo cú pháp TOML, mã UTF-8; thiết lập nào cũng có thể bỏ trống, khi đó giá trị
      mặc định được dùng.
      .Pp
      Thứ tự ưu tiên: tùy chọn trên dòng lệnh, rồi biến môi trường
      .Ns ( Ev FOLLOWUP_FILE , FOLLOWUP_USER , NO_COLOR , LANG ) ,
      rồi tệp này, cuối cùng là giá trị mặc định.
      .Pp
      Giá trị sai không làm chương trình dừng: mỗi lỗi được báo bằng một dòng trên luồng lỗi
      chuẩn, nêu tên thiết lập và số dòng, và thiết lập đó giữ giá trị mặc định (trước khi mở
      giao diện toàn màn hình, chương trình chờ bấm Enter để kịp đọc thông báo):
      .Bd -literal -offset indent
      followup: ~/.config/followup/config.toml dòng 3: khoá 'basis': 'soon' không
      phải effective hoặc original; dùng giá trị mặc định
      .Ed
      .Pp
      Lỗi cú pháp TOML được báo kèm số dòng, số cột, và cả tệp bị bỏ qua.
      """)

  static let configKeys: [String: Bilingual] = [
    "user": Bilingual(
      en: "The name recorded in the history for your changes. Default: $FOLLOWUP_USER, else $USER; FOLLOWUP_USER wins over this setting.",
      vi: "Tên được ghi vào lịch sử cho các thay đổi của bạn. Mặc định: $FOLLOWUP_USER, nếu không có thì $USER; FOLLOWUP_USER được ưu tiên hơn thiết lập này."),
    "file": Bilingual(
      en: "The data file when neither --file nor $FOLLOWUP_FILE names one: an absolute path, or one starting with ~/. Default: $XDG_DATA_HOME/followup/followup.db.",
      vi: "Tệp dữ liệu khi cả --file lẫn $FOLLOWUP_FILE đều không chỉ định: đường dẫn tuyệt đối hoặc bắt đầu bằng ~/. Mặc định: $XDG_DATA_HOME/followup/followup.db."),
    "lang": Bilingual(
      en: "The language of the interface, tables, reports and messages: \"vi\" or \"en\". Default: Vietnamese when LC_ALL, LC_MESSAGES or LANG starts with vi, else English.",
      vi: "Ngôn ngữ của giao diện, bảng, báo cáo và thông báo: \"vi\" hoặc \"en\". Mặc định: tiếng Việt khi LC_ALL, LC_MESSAGES hoặc LANG bắt đầu bằng vi, ngược lại là tiếng Anh."),
    "due_soon_days": Bilingual(
      en: "An open task with this many days or fewer left is due soon: marked ~ and listed by followup agenda. 0 to 365; default 7.",
      vi: "Nhiệm vụ chưa hoàn thành còn từ chừng này ngày trở xuống thì được coi là sắp đến hạn: đánh dấu ~ và được liệt kê trong followup agenda. Từ 0 đến 365; mặc định 7."),
    "basis": Bilingual(
      en: "Which deadline tasks are judged against: \"effective\" (after extensions approved by the as-of day; default) or \"original\" (the deadline first assigned).",
      vi: "Thời hạn dùng để xét nhiệm vụ: \"effective\" (thời hạn hiện hành, đã tính các lần gia hạn được chấp thuận đến ngày tính số liệu; mặc định) hoặc \"original\" (thời hạn giao ban đầu)."),
    "formula": Bilingual(
      en: "How the completion and on-time rates, columns (13) and (14), are computed: \"due\" (done ÷ due, (4)+(5) / (12), the method of the Government Office; default) or \"total\" (done ÷ all tasks). Reports print the formula in their footnote.",
      vi: "Cách tính tỷ lệ hoàn thành và tỷ lệ đúng hạn, cột (13) và (14): \"due\" (số hoàn thành ÷ số đến hạn, (4)+(5) / (12), theo cách tính của Văn phòng Chính phủ; mặc định) hoặc \"total\" (số hoàn thành ÷ tổng số nhiệm vụ). Báo cáo luôn ghi công thức đã dùng ở phần chú thích."),
    "theme": Bilingual(
      en: "The colours of the interface: \"256\" (default), \"16\" or \"mono\" (bold, underline and reverse only). Every colour has a mark beside it, so mono loses nothing.",
      vi: "Bộ màu của giao diện: \"256\" (mặc định), \"16\" hoặc \"mono\" (chỉ dùng chữ đậm, gạch chân và đảo màu). Màu nào cũng có ký hiệu đi kèm nên chế độ mono không mất thông tin."),
    "colours": Bilingual(
      en: "How many colours to use: \"auto\" (what the terminal supports; none when NO_COLOR is set; default), \"none\", \"16\" or \"256\".",
      vi: "Số màu được dùng: \"auto\" (theo khả năng của thiết bị đầu cuối; không màu khi có NO_COLOR; mặc định), \"none\", \"16\" hoặc \"256\"."),
    "share": Bilingual(
      en: "Who may open a data file the program creates: \"owner\" (mode 600 in a 700 folder; default) or \"group\" (660 and 770), for an office whose staff share one file through a common Unix group. Existing files keep their permissions.",
      vi: "Ai được mở tệp dữ liệu do chương trình tạo: \"owner\" (quyền 600, thư mục 700; mặc định) hoặc \"group\" (660 và 770), dùng khi cán bộ trong cơ quan dùng chung một tệp trên máy chủ qua một nhóm Unix. Tệp đã có giữ nguyên quyền."),
    "keys": Bilingual(
      en: "A table of key remaps for the interface: command = \"key\" or [\"key\", \"key\"], with keys written as the help screen (?) shows them: a letter, Space, Enter, Esc, Tab, Ctrl-R, F5. A key given here is taken away from any other command in the same screens. The command names are those of the help screen and of Resources/config.example.toml.",
      vi: "Bảng gán lại phím cho giao diện: lệnh = \"phím\" hoặc [\"phím\", \"phím\"], phím viết như trên màn hình trợ giúp (?): một chữ cái, Space, Enter, Esc, Tab, Ctrl-R, F5. Phím đã gán ở đây bị gỡ khỏi mọi lệnh khác trong cùng màn hình. Tên các lệnh là tên trên màn hình trợ giúp và trong Resources/config.example.toml."),
  ]

  static let configTail = Bilingual(
    en: """
      .Sh EXAMPLES
      .Bd -literal -offset indent
      user = "Nguyễn Thị Thuỷ"
      file = "~/cong-viec/theo-doi.db"
      lang = "vi"
      due_soon_days = 10
      basis = "effective"
      formula = "due"
      theme = "256"
      share = "group"

      [keys]
      toggle-done = "Space"
      external-edit = ["E", "F2"]
      .Ed
      .Pp
      An annotated example is
      .Pa Resources/config.example.toml
      in the source.
      .Sh SEE ALSO
      .Xr followup 1 ,
      .Xr followup-interchange 5
      """,
    vi: """
      .Sh VÍ DỤ
      .Bd -literal -offset indent
      user = "Nguyễn Thị Thuỷ"
      file = "~/cong-viec/theo-doi.db"
      lang = "vi"
      due_soon_days = 10
      basis = "effective"
      formula = "due"
      theme = "256"
      share = "group"

      [keys]
      toggle-done = "Space"
      external-edit = ["E", "F2"]
      .Ed
      .Pp
      Tệp ví dụ có chú thích đầy đủ là
      .Pa Resources/config.example.toml
      trong mã nguồn.
      .Sh XEM THÊM
      .Xr followup 1 ,
      .Xr followup-interchange 5
      """)

  // MARK: followup-interchange(5)

  static let interchangeSummary = Bilingual(
    en: "the JSON and CSV files followup imports and exports",
    vi: "các tệp JSON và CSV mà followup nhập và xuất")

  static let interchangeDescription = Bilingual(
    en: """
      .Nm followup Cm import Ar file
      reads, and
      .Nm followup Cm export
      writes, one JSON document, UTF-8 text tagged
      .Ql \\(dqformat\\(dq: \\(dqfollowup/1\\(dq .
      Its lists hold agencies, people, meetings and tasks; each record is an object whose fields
      follow.
      Dates are written YYYY-MM-DD; a field may be left out or null when it is not required.
      """,
    vi: """
      .Nm followup Cm import Ar tệp
      đọc, và
      .Nm followup Cm export
      ghi, một tài liệu JSON, văn bản mã UTF-8, có trường
      .Ql \\(dqformat\\(dq: \\(dqfollowup/1\\(dq .
      Các danh sách trong tài liệu chứa cơ quan, cán bộ, cuộc họp và nhiệm vụ; mỗi bản ghi là
      một đối tượng với các trường dưới đây.
      Ngày viết theo dạng YYYY-MM-DD; trường không bắt buộc có thể bỏ trống hoặc ghi null.
      """)

  /// Section titles for each kind of record (`InterchangeReader.recordKeys`).
  static let recordTitles: [String: Bilingual] = [
    "document": Bilingual(en: "The document", vi: "Tài liệu"),
    "agency": Bilingual(en: "Agencies (agencies)", vi: "Cơ quan (agencies)"),
    "person": Bilingual(en: "People (people)", vi: "Cán bộ (people)"),
    "meeting": Bilingual(en: "Meetings (meetings)", vi: "Cuộc họp (meetings)"),
    "task": Bilingual(en: "Tasks (tasks)", vi: "Nhiệm vụ (tasks)"),
    "deadline": Bilingual(en: "Deadlines (as an object)", vi: "Thời hạn (dạng đối tượng)"),
    "extension": Bilingual(en: "Extensions (a task's extensions)", vi: "Gia hạn (extensions của nhiệm vụ)"),
    "note": Bilingual(en: "Progress notes (a task's notes)", vi: "Tiến độ (notes của nhiệm vụ)"),
    "reassignment": Bilingual(en: "Reassignments (a task's reassignments)", vi: "Giao lại (reassignments của nhiệm vụ)"),
    "withdrawal": Bilingual(en: "Withdrawal (a task's withdrawal)", vi: "Dừng thực hiện (withdrawal của nhiệm vụ)"),
    "reminder": Bilingual(en: "Reminders (a task's reminders)", vi: "Đôn đốc (reminders của nhiệm vụ)"),
  ]

  static let interchangeFields: [String: Bilingual] = [
    "document.format": Bilingual(en: "Required: \"followup/1\".", vi: "Bắt buộc: \"followup/1\"."),
    "document.agencies": Bilingual(en: "The agencies, in protocol order.", vi: "Các cơ quan, theo thứ tự nghi thức."),
    "document.people": Bilingual(en: "The officers.", vi: "Các cán bộ."),
    "document.meetings": Bilingual(en: "The meetings and working sessions.", vi: "Các cuộc họp, buổi làm việc."),
    "document.tasks": Bilingual(en: "The tasks.", vi: "Các nhiệm vụ."),
    "agency.code": Bilingual(en: "Required: the short code (LHH, SNV), unique in the file.", vi: "Bắt buộc: mã viết tắt (LHH, SNV), không trùng trong tệp."),
    "agency.name": Bilingual(en: "Required: the full name.", vi: "Bắt buộc: tên đầy đủ."),
    "agency.aliases": Bilingual(en: "Other names the agency is known by (Liên hiệp hội), used by filters and imports.", vi: "Các tên gọi khác của cơ quan (Liên hiệp hội), dùng khi lọc và khi nhập dữ liệu."),
    "agency.bloc": Bilingual(en: "The bloc (see VALUES); default other.", vi: "Khối (xem CÁC GIÁ TRỊ); mặc định other."),
    "agency.order": Bilingual(en: "The place in protocol order (smaller first); default 1000.", vi: "Vị trí theo thứ tự nghi thức (số nhỏ xếp trước); mặc định 1000."),
    "agency.rollupTo": Bilingual(en: "The code of the agency whose row counts this one when a report rolls up (Đảng đoàn LHH into LHH).", vi: "Mã cơ quan mà số liệu của cơ quan này được gộp vào khi báo cáo gộp số liệu (Đảng đoàn LHH gộp vào LHH)."),
    "agency.validFrom": Bilingual(en: "The day the agency came into being, if known.", vi: "Ngày cơ quan được thành lập, nếu biết."),
    "agency.validTo": Bilingual(en: "The day the agency ceased (merged or dissolved), if it did.", vi: "Ngày cơ quan kết thúc hoạt động (sáp nhập hoặc giải thể), nếu có."),
    "agency.successor": Bilingual(en: "The code of the agency that took over its tasks.", vi: "Mã cơ quan tiếp nhận nhiệm vụ của cơ quan này."),
    "person.ref": Bilingual(en: "Required: the short ref (P06), unique in the file.", vi: "Bắt buộc: mã cán bộ (P06), không trùng trong tệp."),
    "person.family": Bilingual(en: "Family name (Nguyễn).", vi: "Họ (Nguyễn)."),
    "person.middle": Bilingual(en: "Middle name (Thị).", vi: "Tên đệm (Thị)."),
    "person.given": Bilingual(en: "Required: given name (Thuỷ).", vi: "Bắt buộc: tên (Thuỷ)."),
    "person.title": Bilingual(en: "A title written before the name (TS.).", vi: "Học hàm, học vị viết trước tên (TS.)."),
    "person.position": Bilingual(en: "The position (Chuyên viên).", vi: "Chức vụ (Chuyên viên)."),
    "person.agency": Bilingual(en: "The code of the person's agency.", vi: "Mã cơ quan công tác."),
    "meeting.ref": Bilingual(en: "Required: the short ref (M2023-0526), unique in the file.", vi: "Bắt buộc: mã cuộc họp (M2023-0526), không trùng trong tệp."),
    "meeting.date": Bilingual(en: "Required: the day of the meeting.", vi: "Bắt buộc: ngày họp."),
    "meeting.title": Bilingual(en: "What the meeting was about.", vi: "Nội dung cuộc họp."),
    "meeting.chair": Bilingual(en: "Who chaired it.", vi: "Người chủ trì cuộc họp."),
    "meeting.host": Bilingual(en: "The code of the agency that held it.", vi: "Mã cơ quan tổ chức cuộc họp."),
    "meeting.counterpart": Bilingual(en: "The code of the agency the meeting worked with.", vi: "Mã cơ quan làm việc cùng."),
    "meeting.notice": Bilingual(en: "The conclusion notice (number and date).", vi: "Thông báo kết luận (số, ngày)."),
    "meeting.source": Bilingual(en: "Where the record came from.", vi: "Nguồn của thông tin."),
    "task.id": Bilingual(en: "The task number, kept when free in the data file (import --renumber assigns new ones).", vi: "Số nhiệm vụ, được giữ nguyên nếu chưa có trong tệp dữ liệu (import --renumber cấp số mới)."),
    "task.ref": Bilingual(en: "A short ref (T4).", vi: "Mã nhiệm vụ (T4)."),
    "task.meeting": Bilingual(en: "The ref of the meeting that assigned it.", vi: "Mã cuộc họp giao nhiệm vụ."),
    "task.item": Bilingual(en: "The item number in the conclusion notice.", vi: "Số mục trong thông báo kết luận."),
    "task.content": Bilingual(en: "Required: what is to be done.", vi: "Bắt buộc: nội dung nhiệm vụ."),
    "task.lead": Bilingual(en: "Required: the code of the lead agency.", vi: "Bắt buộc: mã cơ quan chủ trì."),
    "task.coordinating": Bilingual(en: "The codes of the coordinating agencies.", vi: "Mã các cơ quan phối hợp."),
    "task.owner": Bilingual(en: "The ref of the person in charge.", vi: "Mã cán bộ phụ trách."),
    "task.tracker": Bilingual(en: "The ref of the officer who tracks the task.", vi: "Mã cán bộ theo dõi."),
    "task.deadline": Bilingual(en: "The deadline as written (\"Quý I/2024\"), or a deadline object.", vi: "Thời hạn như văn bản ghi (\"Quý I/2024\"), hoặc một đối tượng thời hạn."),
    "task.product": Bilingual(en: "The expected product (a draft, a report).", vi: "Sản phẩm dự kiến (dự thảo, báo cáo)."),
    "task.priority": Bilingual(en: "true for a key task.", vi: "true nếu là nhiệm vụ trọng tâm."),
    "task.tags": Bilingual(en: "Free tags.", vi: "Các nhãn tự đặt."),
    "task.status": Bilingual(en: "The workflow status (see VALUES); default not_started.", vi: "Trạng thái thực hiện (xem CÁC GIÁ TRỊ); mặc định not_started."),
    "task.completedOn": Bilingual(en: "The day it was done; required when the status is done.", vi: "Ngày hoàn thành; bắt buộc khi trạng thái là done."),
    "task.result": Bilingual(en: "The result reported.", vi: "Kết quả thực hiện đã báo cáo."),
    "task.extensions": Bilingual(en: "The extensions requested, in order.", vi: "Các lần đề nghị gia hạn, theo thứ tự."),
    "task.notes": Bilingual(en: "The progress notes, in order.", vi: "Các ghi chép tiến độ, theo thứ tự."),
    "task.assignedOn": Bilingual(en: "The day the task was assigned, which places it in report periods; default the meeting's date.", vi: "Ngày giao nhiệm vụ, dùng để xếp vào kỳ báo cáo; mặc định là ngày họp."),
    "task.reassignments": Bilingual(en: "The changes of lead agency, oldest first; the last one ends at lead.", vi: "Các lần chuyển cơ quan chủ trì, cũ nhất trước; lần cuối kết thúc ở cơ quan chủ trì hiện tại (lead)."),
    "task.withdrawal": Bilingual(en: "Why and when the task was withdrawn or merged; only with the status withdrawn.", vi: "Lý do và thời điểm nhiệm vụ dừng thực hiện hoặc được gộp; chỉ ghi khi trạng thái là withdrawn."),
    "task.reminders": Bilingual(en: "The reminders sent to the agency, oldest first.", vi: "Các lần đôn đốc cơ quan thực hiện, cũ nhất trước."),
    "task.reportedOn": Bilingual(en: "The day the agency reported completion; only once it did (status reported, done or withdrawn).", vi: "Ngày cơ quan báo cáo hoàn thành; chỉ ghi khi đã báo cáo (trạng thái reported, done hoặc withdrawn)."),
    "extension.granted": Bilingual(en: "The deadline granted by a partial approval; required with the decision partial, and only then.", vi: "Thời hạn được chấp thuận một phần; bắt buộc khi ý kiến xử lý là partial, và chỉ ghi khi đó."),
    "reassignment.from": Bilingual(en: "Required: the code of the lead agency before.", vi: "Bắt buộc: mã cơ quan chủ trì trước đó."),
    "reassignment.to": Bilingual(en: "Required: the code of the lead agency from that day.", vi: "Bắt buộc: mã cơ quan chủ trì kể từ ngày chuyển."),
    "reassignment.on": Bilingual(en: "Required: the day the new agency takes over; the task counts for the old one until the day before.", vi: "Bắt buộc: ngày cơ quan mới tiếp nhận; đến hết ngày hôm trước, nhiệm vụ vẫn tính cho cơ quan cũ."),
    "reassignment.document": Bilingual(en: "The document that decided it.", vi: "Văn bản quyết định việc giao lại."),
    "withdrawal.on": Bilingual(en: "The first day the task no longer counts.", vi: "Ngày đầu tiên nhiệm vụ không còn được tính."),
    "withdrawal.reason": Bilingual(en: "Why.", vi: "Lý do."),
    "withdrawal.document": Bilingual(en: "The document that decided it.", vi: "Văn bản quyết định."),
    "withdrawal.mergedInto": Bilingual(en: "The number of the task it was merged into, for a merge.", vi: "Số nhiệm vụ được gộp vào, nếu là gộp nhiệm vụ."),
    "reminder.on": Bilingual(en: "Required: the day it was sent.", vi: "Bắt buộc: ngày đôn đốc."),
    "reminder.document": Bilingual(en: "The reminder letter's number, if any.", vi: "Số công văn đôn đốc, nếu có."),
    "reminder.channel": Bilingual(en: "How it was sent (see VALUES); default letter.", vi: "Hình thức đôn đốc (xem CÁC GIÁ TRỊ); mặc định letter (công văn)."),
    "reminder.note": Bilingual(en: "A free note.", vi: "Ghi chú."),
    "deadline.text": Bilingual(en: "The deadline as written.", vi: "Thời hạn như văn bản ghi."),
    "deadline.kind": Bilingual(en: "The kind (see VALUES); when left out, the text is read as if typed.", vi: "Loại thời hạn (xem CÁC GIÁ TRỊ); nếu bỏ trống, phần text được đọc như khi gõ vào."),
    "deadline.date": Bilingual(en: "The last day; required for date, month, quarter, half_year and year.", vi: "Ngày cuối cùng của thời hạn; bắt buộc với date, month, quarter, half_year và year."),
    "extension.requestedOn": Bilingual(en: "The day the extension was requested.", vi: "Ngày đề nghị gia hạn."),
    "extension.from": Bilingual(en: "The deadline before it, as text or a deadline object.", vi: "Thời hạn trước khi gia hạn, dạng văn bản hoặc đối tượng thời hạn."),
    "extension.to": Bilingual(en: "Required: the deadline asked for.", vi: "Bắt buộc: thời hạn đề nghị."),
    "extension.reason": Bilingual(en: "Why.", vi: "Lý do."),
    "extension.decision": Bilingual(en: "The decision (see VALUES); only an approved or partly approved extension moves the deadline.", vi: "Ý kiến xử lý (xem CÁC GIÁ TRỊ); chỉ gia hạn được chấp thuận (toàn bộ hoặc một phần) mới làm thay đổi thời hạn."),
    "extension.decidedOn": Bilingual(en: "The day of the decision, required for an approval; the new deadline counts from then.", vi: "Ngày có ý kiến xử lý, bắt buộc khi chấp thuận; thời hạn mới được tính từ ngày đó."),
    "extension.document": Bilingual(en: "The document that decided it.", vi: "Văn bản cho ý kiến."),
    "note.on": Bilingual(en: "Required: the day of the note.", vi: "Bắt buộc: ngày ghi."),
    "note.text": Bilingual(en: "Required: what was done.", vi: "Bắt buộc: nội dung tiến độ."),
    "note.by": Bilingual(en: "Who wrote it.", vi: "Người ghi."),
  ]

  static let interchangeRules = Bilingual(
    en: """
      Import is all or nothing: the first bad record is named with its field
      .Ns ( Ql tasks[3] (T4), field 'deadline': ... )
      and nothing is written.
      Agencies, people and meetings already in the data file may be referred to without being
      repeated.
      Export, import into an empty file and export again gives identical bytes.
      .Pp
      .Nm followup Cm list Fl -format Ar json
      writes the same task objects plus
      .Cm timeliness
      (done_on_time, done_late, done_no_deadline, open_in_time, overdue, open_no_deadline,
      routine or excluded) and
      .Cm dueSoon ;
      .Nm followup Cm workload Fl -format Ar json
      writes
      .Ql {asOf, by, rollup, rows, totals} ,
      with rates as fractions, null when nothing is due.
      """,
    vi: """
      Việc nhập dữ liệu thực hiện trọn vẹn hoặc không thực hiện gì: bản ghi sai đầu tiên được
      nêu kèm tên trường
      .Ns ( Ql tasks[3] (T4), field 'deadline': ... )
      và tệp dữ liệu không bị ghi gì.
      Cơ quan, cán bộ và cuộc họp đã có trong tệp dữ liệu có thể được dẫn chiếu mà không cần
      ghi lại.
      Xuất dữ liệu, nhập vào một tệp trống rồi xuất lại cho kết quả giống hệt từng byte.
      .Pp
      .Nm followup Cm list Fl -format Ar json
      ghi cùng các đối tượng nhiệm vụ, thêm
      .Cm timeliness
      (done_on_time, done_late, done_no_deadline, open_in_time, overdue, open_no_deadline,
      routine hoặc excluded) và
      .Cm dueSoon ;
      .Nm followup Cm workload Fl -format Ar json
      ghi
      .Ql {asOf, by, rollup, rows, totals} ,
      tỷ lệ ghi dạng phân số, null khi không có nhiệm vụ đến hạn.
      """)

  static let csvDescription = Bilingual(
    en: """
      .Nm followup Cm import
      also reads CSV, and
      .Cm export , list
      and
      .Cm report
      write it with
      .Fl -format Ar csv :
      UTF-8 with a byte-order mark, CRLF line ends,
      .Ql \\&,
      or
      .Ql \\&;
      between cells
      .Ns ( Fl -delimiter Ar semicolon
      is what Excel expects where the decimal mark is a comma, as in Vietnamese settings), dates
      dd/mm/yyyy.
      The header row uses either set of column names below; agencies and people may be given by
      name.
      Exported cells that a spreadsheet would run as a formula (starting with =, +, -, @) are
      prefixed with
      .Ql ' .
      """,
    vi: """
      .Nm followup Cm import
      cũng đọc được CSV, và các lệnh
      .Cm export , list ,
      .Cm report
      ghi CSV với
      .Fl -format Ar csv :
      mã UTF-8 có BOM, xuống dòng CRLF, ngăn cách ô bằng
      .Ql \\&,
      hoặc
      .Ql \\&;
      .Ns ( Fl -delimiter Ar semicolon
      là cách Excel cần khi dấu thập phân là dấu phẩy, như trong thiết lập tiếng Việt), ngày
      dạng dd/mm/yyyy.
      Dòng tiêu đề dùng một trong hai bộ tên cột dưới đây; cơ quan và cán bộ có thể ghi bằng tên.
      Ô xuất ra mà bảng tính có thể hiểu là công thức (bắt đầu bằng =, +, -, @) được thêm dấu
      .Ql '
      ở đầu.
      """)

  static let csvEnglishColumns = Bilingual(en: "English keys", vi: "Tên cột tiếng Anh")
  static let csvAnnexColumns = Bilingual(en: "The report annex's labels", vi: "Tên cột theo Phụ lục báo cáo")

  static let interchangeTail = Bilingual(
    en: """
      .Sh EXAMPLES
      .Bd -literal -offset indent
      {"format": "followup/1",
       "agencies": [{"code": "LHH", "name": "Liên hiệp các Hội KH&KT",
                     "aliases": ["Liên hiệp hội"], "bloc": "association"}],
       "people": [{"ref": "P06", "family": "Nguyễn", "middle": "Thị",
                   "given": "Thuỷ", "agency": "LHH"}],
       "meetings": [{"ref": "M2023-0526", "date": "2023-05-26"}],
       "tasks": [{"meeting": "M2023-0526", "item": "2",
                  "content": "Tham mưu cơ chế thu hút trí thức trẻ",
                  "lead": "LHH", "coordinating": ["SNV"], "owner": "P06",
                  "deadline": "Quý I/2024", "status": "in_progress"}]}
      .Ed
      .Sh SEE ALSO
      .Xr followup 1 ,
      .Xr followup-config 5
      """,
    vi: """
      .Sh VÍ DỤ
      .Bd -literal -offset indent
      {"format": "followup/1",
       "agencies": [{"code": "LHH", "name": "Liên hiệp các Hội KH&KT",
                     "aliases": ["Liên hiệp hội"], "bloc": "association"}],
       "people": [{"ref": "P06", "family": "Nguyễn", "middle": "Thị",
                   "given": "Thuỷ", "agency": "LHH"}],
       "meetings": [{"ref": "M2023-0526", "date": "2023-05-26"}],
       "tasks": [{"meeting": "M2023-0526", "item": "2",
                  "content": "Tham mưu cơ chế thu hút trí thức trẻ",
                  "lead": "LHH", "coordinating": ["SNV"], "owner": "P06",
                  "deadline": "Quý I/2024", "status": "in_progress"}]}
      .Ed
      .Sh XEM THÊM
      .Xr followup 1 ,
      .Xr followup-config 5
      """)
}
