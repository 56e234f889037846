extension ManText {
  /// The Vietnamese of the commands' help texts, keyed by the English text: a text that
  /// changes in English shows in English on the Vietnamese page until it is translated here
  /// (`followup man --output-dir` lists such texts), never a stale translation.
  static let vietnamese: [String: String] = [
    "Copy everything from one file or server to an empty one: the directory, meetings and every task with all its events.":
      "Chép toàn bộ dữ liệu từ một tệp hoặc máy chủ sang một nơi còn trống: danh mục, các cuộc họp và mọi nhiệm vụ cùng toàn bộ diễn biến của chúng.",
    "FROM and TO are each a data file or a postgresql:// address. The copy is one action on TO, all or nothing, and keeps task numbers, notes with their authors and every dated event, so 'followup export' gives the same document on both sides. TO must hold no tasks yet (a new file is created). The history of FROM stays in FROM; TO's history starts with the copy.":
      "FROM và TO là một tệp dữ liệu hoặc một địa chỉ postgresql://. Việc chép là một thao tác trên TO, hoặc trọn vẹn hoặc không có gì, giữ nguyên số nhiệm vụ, ghi chú tiến độ cùng người ghi và mọi diễn biến có ngày, nên 'followup export' ở hai nơi cho cùng một tài liệu. TO chưa được có nhiệm vụ nào (tệp mới sẽ được tạo). Lịch sử của FROM ở lại FROM; lịch sử của TO bắt đầu từ lần chép này.",
    "Where the data is now: a file or a postgresql:// address.":
      "Nơi dữ liệu đang ở: một tệp hoặc một địa chỉ postgresql://.",
    "Where it goes: a file or a postgresql:// address, with no tasks yet.":
      "Nơi chép đến: một tệp hoặc một địa chỉ postgresql://, chưa có nhiệm vụ nào.",
    "A note.":
      "Ghi chú.",
    "Accept a reported completion: done on the reported day unless --on says otherwise.":
      "Công nhận kết quả đã báo cáo: hoàn thành vào ngày báo cáo, trừ khi --on ghi ngày khác.",
    "Full name, family name first, a title (TS., ThS., PGS.TS., Đ/c…) may come first: Nguyễn Thị Thuỷ.":
      "Họ và tên, họ viết trước, có thể có học hàm, học vị hoặc danh xưng ở đầu (TS., ThS., PGS.TS., Đ/c…): Nguyễn Thị Thuỷ.",
    "List only overdue tasks with no reminder (đôn đốc) in the last n days.":
      "Chỉ liệt kê các nhiệm vụ quá hạn chưa được đôn đốc trong n ngày gần nhất.",
    "Merge a task into another (gộp vào): it leaves the totals like a withdrawal, linked both ways.":
      "Gộp một nhiệm vụ vào nhiệm vụ khác: nhiệm vụ được gộp ra khỏi số liệu tổng hợp như khi dừng thực hiện, hai nhiệm vụ được liên kết với nhau.",
    "Record a reminder sent to the lead agency (đôn đốc).":
      "Ghi nhận việc đôn đốc cơ quan chủ trì.",
    "Record that an agency reported a task done (đã báo cáo, chờ đánh giá); not completed until accepted.":
      "Ghi nhận cơ quan đã báo cáo hoàn thành nhiệm vụ (chờ đánh giá); nhiệm vụ chỉ được tính là hoàn thành khi được công nhận.",
    "Return a reported completion with a reason: back to in progress.":
      "Trả lại báo cáo hoàn thành kèm lý do: nhiệm vụ trở lại trạng thái đang thực hiện.",
    "The completion day (default: the day it was reported).":
      "Ngày hoàn thành (mặc định: ngày báo cáo).",
    "The day it was reported (default: today).":
      "Ngày báo cáo (mặc định: hôm nay).",
    "The day it was sent (default: today).":
      "Ngày gửi (mặc định: hôm nay).",
    "The deadline granted by a partial approval.":
      "Thời hạn được chấp thuận khi chấp thuận một phần.",
    "The document that decided it.":
      "Văn bản quyết định.",
    "The first day it no longer counts (default: today).":
      "Ngày đầu tiên nhiệm vụ không còn được tính (mặc định: hôm nay).",
    "The first day it no longer counts (default: today); it counts until the day before.":
      "Ngày đầu tiên nhiệm vụ không còn được tính (mặc định: hôm nay); nhiệm vụ vẫn được tính đến hết ngày hôm trước.",
    "The first day the new agency leads (default: today); the old one counts until the day before.":
      "Ngày đầu tiên cơ quan mới chủ trì (mặc định: hôm nay); cơ quan cũ vẫn được tính đến hết ngày hôm trước.",
    "The given name when it has several words, e.g. \"Bình Minh\".":
      "Tên khi gồm nhiều tiếng, ví dụ \"Bình Minh\".",
    "The reminder letter's number.":
      "Số văn bản đôn đốc.",
    "The result reported, e.g. the delivering document.":
      "Kết quả đã báo cáo, ví dụ văn bản giao nộp sản phẩm.",
    "The task it is merged into.":
      "Nhiệm vụ được gộp vào.",
    "Why (also recorded as a progress note).":
      "Lý do (đồng thời được ghi vào tiến độ).",
    "Why it is returned (recorded as a progress note).":
      "Lý do trả lại (được ghi vào tiến độ).",
    "letter, phone, meeting or system.":
      "letter (văn bản), phone (điện thoại), meeting (tại cuộc họp) hoặc system (qua hệ thống).",
    "pending, approved, partial (chấp thuận một phần, with --granted) or rejected.":
      "pending (chờ xử lý), approved (chấp thuận), partial (chấp thuận một phần, kèm --granted) hoặc rejected (từ chối).",
    "Lists open tasks that are overdue or due within --days days (default: due_soon_days from the config file, else 7), grouped by lead agency, then one line per person. Plain text without colour, stable from run to run. For a daily mail from cron: followup agenda --quiet (prints nothing when nothing needs attention, so no mail is sent).":
      "Liệt kê các nhiệm vụ chưa hoàn thành đã quá hạn hoặc sẽ đến hạn trong --days ngày tới (mặc định: due_soon_days trong tệp cấu hình, nếu không có thì 7), nhóm theo cơ quan chủ trì, sau đó mỗi cán bộ một dòng. Văn bản thuần, không màu, giống nhau giữa các lần chạy. Để gửi thư hằng ngày qua cron: followup agenda --quiet (không in gì khi không có việc cần chú ý, nên không có thư nào được gửi).",
    "What is overdue or due soon, per lead agency and per person: short, for email or cron.":
      "Các việc quá hạn hoặc sắp đến hạn, theo cơ quan chủ trì và theo cán bộ: ngắn gọn, để gửi thư điện tử hoặc chạy qua cron.",
    "Output format: text or markdown.":
      "Định dạng kết quả: text hoặc markdown.",
    "Print nothing when nothing is overdue or due soon.":
      "Không in gì khi không có việc quá hạn hoặc sắp đến hạn.",
    "Include tasks due within this many days (default: the due-soon setting).":
      "Gồm các nhiệm vụ đến hạn trong số ngày này (mặc định: theo thiết lập ngưỡng sắp đến hạn).",
    "Filter words to narrow the agenda, e.g. agency:LHH owner:thuy.":
      "Điều kiện lọc để thu hẹp danh sách, ví dụ agency:LHH owner:thuy.",
    "Add an agency to the directory (a new file already has the city's).":
      "Thêm một cơ quan vào danh mục (tệp mới đã có sẵn danh mục cơ quan của thành phố).",
    "party, state, front, association, central or other.":
      "party (khối Đảng), state (chính quyền), front (Mặt trận Tổ quốc và các đoàn thể), association (các hội), central (cơ quan Trung ương đóng trên địa bàn) hoặc other (khác).",
    "The full name, e.g. Sở Khoa học và Công nghệ.":
      "Tên đầy đủ, ví dụ Sở Khoa học và Công nghệ.",
    "Add a person (focal person or tracking officer) to the directory.":
      "Thêm một cán bộ (cán bộ phụ trách hoặc cán bộ theo dõi) vào danh mục.",
    "Full name, family name first: Nguyễn Thị Thuỷ.":
      "Họ và tên, họ viết trước: Nguyễn Thị Thuỷ.",
    "Another name people use, e.g. Sở KH&CN (repeatable).":
      "Tên gọi khác thường dùng, ví dụ Sở KH&CN (có thể ghi nhiều lần).",
    "Protocol order in lists (default: after the bloc's last agency).":
      "Thứ tự nghi thức trong danh sách (mặc định: sau cơ quan cuối cùng của khối).",
    "The agency whose row absorbs this one in rolled-up reports.":
      "Cơ quan mà số liệu của cơ quan này được gộp vào khi báo cáo gộp số liệu.",
    "A short ASCII code: letters, digits and _, e.g. SKHCN.":
      "Mã viết tắt không dấu: chữ cái, chữ số và dấu _, ví dụ SKHCN.",
    "Their agency (code or name).":
      "Cơ quan công tác (mã hoặc tên).",
    "A short ref (default: the next free P-number).":
      "Mã cán bộ (mặc định: mã P kế tiếp chưa dùng).",
    "Position, e.g. Chuyên viên.":
      "Chức vụ, ví dụ Chuyên viên.",
    "Title written before the name, e.g. TS.":
      "Học hàm, học vị viết trước tên, ví dụ TS.",
    "List the tasks that match a filter.":
      "Liệt kê các nhiệm vụ thỏa mãn điều kiện lọc.",
    "Sort by deadline, agency, status or id.":
      "Sắp xếp theo thời hạn (deadline), cơ quan (agency), tình trạng (status) hoặc số nhiệm vụ (id).",
    "Show everything about one task.":
      "Hiển thị đầy đủ thông tin của một nhiệm vụ.",
    "The task number.":
      "Số nhiệm vụ.",
    "CSV delimiter: comma or semicolon.":
      "Dấu ngăn cách ô trong CSV: comma (dấu phẩy) hoặc semicolon (dấu chấm phẩy).",
    "List meetings, newest first, with their task counts.":
      "Liệt kê các cuộc họp, mới nhất trước, kèm số nhiệm vụ của từng cuộc họp.",
    "List the agency directory in protocol order.":
      "Liệt kê danh mục cơ quan theo thứ tự nghi thức.",
    "Output format: table, json or csv.":
      "Định dạng kết quả: table (bảng), json hoặc csv.",
    "List people in Vietnamese order (by given name).":
      "Liệt kê cán bộ theo thứ tự tiếng Việt (theo tên).",
    "Show who changed what and when, newest first.":
      "Hiển thị ai đã thay đổi gì, vào lúc nào, mới nhất trước.",
    "How many changes to show.":
      "Số thay đổi được hiển thị.",
    "A task number (default: the whole file).":
      "Số nhiệm vụ (mặc định: toàn bộ tệp).",
    "Print how many tasks match a filter.":
      "In số nhiệm vụ thỏa mãn điều kiện lọc.",
    "Filter words, e.g. agency:LHH status:overdue owner:thuy due<31/12/2023 meeting:M2023-0526 #khẩn nguyen binh khiem.":
      "Điều kiện lọc, ví dụ agency:LHH status:overdue owner:thuy due<31/12/2023 meeting:M2023-0526 #khẩn nguyen binh khiem.",
    "Write to this file instead of standard output.":
      "Ghi ra tệp này thay vì ra đầu ra chuẩn.",
    "Count by lead or coordinating agency.":
      "Tổng hợp theo cơ quan chủ trì (lead) hoặc cơ quan phối hợp (coordinating).",
    "Count agencies in the row of their roll-up target (e.g. Đảng đoàn LHH in LHH).":
      "Gộp số liệu của cơ quan vào dòng của cơ quan mà nó được gộp vào (ví dụ Đảng đoàn LHH vào LHH).",
    "Row order: protocol, name or overdue.":
      "Thứ tự các dòng: protocol (thứ tự nghi thức), name (tên) hoặc overdue (số nhiệm vụ quá hạn).",
    "Rate denominators: due (VPCP, default) or total.":
      "Mẫu số của tỷ lệ: due (số nhiệm vụ đến hạn, theo cách tính của VPCP; mặc định) hoặc total (tổng số nhiệm vụ).",
    "Deadline basis: effective (after approved extensions) or original.":
      "Căn cứ thời hạn: effective (thời hạn hiện hành, đã tính gia hạn được chấp thuận) hoặc original (thời hạn giao ban đầu).",
    "Per-agency workload (Biểu tổng hợp) as of a day.":
      "Biểu tổng hợp tình hình thực hiện nhiệm vụ theo cơ quan, tính đến một ngày.",
    "The period report for the Standing Board: the Biểu tổng hợp with its annex.":
      "Báo cáo định kỳ gửi Thường trực: Biểu tổng hợp kèm Phụ lục danh sách nhiệm vụ.",
    "First day of the period.":
      "Ngày đầu kỳ báo cáo.",
    "Last day of the period (default: the as-of day).":
      "Ngày cuối kỳ báo cáo (mặc định: ngày tính số liệu).",
    "Give the fields to change as options, or use --editor to edit the whole task as a text form in $VISUAL or $EDITOR: save and close to store it, leave it unchanged or empty it to cancel; a mistake reopens the editor with the problem written on top.":
      "Ghi các trường cần sửa dưới dạng tùy chọn, hoặc dùng --editor để sửa toàn bộ nhiệm vụ dưới dạng biểu mẫu văn bản trong $VISUAL hoặc $EDITOR: lưu rồi đóng để ghi lại; để nguyên hoặc xoá trắng để huỷ; nếu có chỗ sai, trình soạn thảo mở lại với lỗi ghi ở đầu tệp.",
    "Import the tasks as new ones: new ids, and no ref where the data file already uses it.":
      "Nhập các nhiệm vụ như nhiệm vụ mới: cấp số mới, và bỏ những mã nhiệm vụ đã có trong tệp dữ liệu.",
    "Add a task and print its number.":
      "Thêm một nhiệm vụ và in số của nhiệm vụ đó.",
    "Mark as a key task (nhiệm vụ trọng tâm).":
      "Đánh dấu là nhiệm vụ trọng tâm.",
    "What must be done.":
      "Nội dung nhiệm vụ.",
    "Mark tasks done (one action, undoable).":
      "Đánh dấu các nhiệm vụ đã hoàn thành (một thao tác, có thể hoàn tác).",
    "Task numbers.":
      "Các số nhiệm vụ.",
    "Reopen done or withdrawn tasks.":
      "Mở lại các nhiệm vụ đã hoàn thành hoặc đã dừng thực hiện.",
    "Change fields of a task.":
      "Sửa các trường của một nhiệm vụ.",
    "Edit the task as a text form in $VISUAL or $EDITOR (no other field options).":
      "Sửa nhiệm vụ dưới dạng biểu mẫu văn bản trong $VISUAL hoặc $EDITOR (không dùng kèm tùy chọn sửa trường nào khác).",
    "New content.":
      "Nội dung mới.",
    "New status: not_started, in_progress, reported, done, withdrawn.":
      "Trạng thái mới: not_started (chưa triển khai), in_progress (đang thực hiện), reported (đã báo cáo), done (hoàn thành), withdrawn (dừng thực hiện).",
    "New product.":
      "Sản phẩm mới.",
    "New result.":
      "Kết quả mới.",
    "Remove all tags.":
      "Xoá mọi nhãn.",
    "Record progress on a task.":
      "Ghi tiến độ thực hiện một nhiệm vụ.",
    "What was reported.":
      "Nội dung được báo cáo.",
    "Record a deadline extension (gia hạn) and its decision.":
      "Ghi một đề nghị gia hạn và ý kiến xử lý.",
    "Why.":
      "Lý do.",
    "pending, approved or rejected.":
      "pending (chờ ý kiến), approved (chấp thuận) hoặc rejected (không chấp thuận).",
    "Give tasks to another lead agency (giao lại).":
      "Giao lại nhiệm vụ cho cơ quan chủ trì khác.",
    "Withdraw tasks (dừng thực hiện): kept, but outside report totals.":
      "Dừng thực hiện nhiệm vụ: vẫn lưu lại nhưng không tính vào số liệu báo cáo.",
    "Why (recorded as a progress note).":
      "Lý do (được ghi thành một dòng tiến độ).",
    "Delete tasks (undoable; their numbers are never reused).":
      "Xoá nhiệm vụ (có thể hoàn tác; số của nhiệm vụ đã xoá không bao giờ được dùng lại).",
    "Undo your most recent change (repeatable).":
      "Hoàn tác thay đổi gần nhất của bạn (có thể lặp lại).",
    "Redo the change you most recently undid.":
      "Làm lại thay đổi vừa hoàn tác.",
    "Lead agency (code or name).":
      "Cơ quan chủ trì (mã hoặc tên).",
    "Coordinating agencies, comma-separated.":
      "Các cơ quan phối hợp, cách nhau bằng dấu phẩy.",
    "Focal person (ref or name).":
      "Cán bộ phụ trách (mã hoặc tên).",
    "Tracking officer (ref or name).":
      "Cán bộ theo dõi (mã hoặc tên).",
    "Deadline as written: 30/9/2023, tháng 11/2023, Quý I/2024, năm 2023, thường xuyên.":
      "Thời hạn như văn bản ghi: 30/9/2023, tháng 11/2023, Quý I/2024, năm 2023, thường xuyên.",
    "Meeting (ref or words of its title).":
      "Cuộc họp (mã hoặc các từ trong tên cuộc họp).",
    "Item number in the conclusions.":
      "Số mục trong thông báo kết luận.",
    "Required product.":
      "Sản phẩm cần có.",
    "External reference, e.g. T8.":
      "Mã tham chiếu ngoài, ví dụ T8.",
    "A tag (repeatable).":
      "Một nhãn (có thể ghi nhiều lần).",
    "Completion day (default: today).":
      "Ngày hoàn thành (mặc định: hôm nay).",
    "Result, e.g. the delivering document.":
      "Kết quả, ví dụ văn bản đã ban hành.",
    "New lead agency.":
      "Cơ quan chủ trì mới.",
    "New coordinating agencies, comma-separated (empty to clear).":
      "Các cơ quan phối hợp mới, cách nhau bằng dấu phẩy (để trống để xoá).",
    "New owner (empty to clear).":
      "Cán bộ phụ trách mới (để trống để xoá).",
    "New tracker (empty to clear).":
      "Cán bộ theo dõi mới (để trống để xoá).",
    "New deadline as written (empty to clear).":
      "Thời hạn mới như văn bản ghi (để trống để xoá).",
    "Completion day for status done (default: today).":
      "Ngày hoàn thành khi trạng thái là done (mặc định: hôm nay).",
    "New item number.":
      "Số mục mới.",
    "New meeting (empty to clear).":
      "Cuộc họp mới (để trống để xoá).",
    "Key task: yes or no.":
      "Nhiệm vụ trọng tâm: yes (có) hoặc no (không).",
    "Replace the tags (repeatable).":
      "Thay toàn bộ nhãn (có thể ghi nhiều lần).",
    "Day of the progress (default: today).":
      "Ngày ghi tiến độ (mặc định: hôm nay).",
    "Who reported it (person ref or name; default: you).":
      "Người báo cáo (mã hoặc tên cán bộ; mặc định: bạn).",
    "The new deadline asked for: 31/12/2023, Quý I/2024…":
      "Thời hạn mới đề nghị: 31/12/2023, Quý I/2024…",
    "Day of the decision (default: today when decided).":
      "Ngày có ý kiến xử lý (mặc định: hôm nay, nếu đã có ý kiến).",
    "Day of the request (default: today).":
      "Ngày đề nghị (mặc định: hôm nay).",
    "Decision document, e.g. 5537/VPCP-KGVX.":
      "Văn bản cho ý kiến, ví dụ 5537/VPCP-KGVX.",
    "The new lead agency.":
      "Cơ quan chủ trì mới.",
    "The new owner (ref or name).":
      "Cán bộ phụ trách mới (mã hoặc tên).",
    "Track the tasks assigned by meeting conclusions: who must do what, by when.":
      "Theo dõi nhiệm vụ được giao tại kết luận các cuộc họp: ai phải làm gì, đến khi nào.",
    "Open a fresh temporary copy of the sample data; your own file is not touched.":
      "Mở một bản sao tạm thời của dữ liệu mẫu; tệp dữ liệu của bạn không bị động đến.",
    "The data file (default: $FOLLOWUP_FILE, else $XDG_DATA_HOME/followup/followup.db).":
      "Tệp dữ liệu (mặc định: $FOLLOWUP_FILE, nếu không có thì $XDG_DATA_HOME/followup/followup.db).",
    "Language of tables, reports and messages: vi or en (default: from the locale).":
      "Ngôn ngữ của bảng, báo cáo và thông báo: vi hoặc en (mặc định: theo locale của hệ thống).",
    "Judge deadlines as of this day, as if it were today (default: today).":
      "Xét thời hạn tại ngày này, coi như hôm nay là ngày đó (mặc định: hôm nay).",
    "Draft the tasks a conclusion notice assigns (plain text, .docx or PDF), for review.":
      "Dự thảo danh sách nhiệm vụ được giao trong một thông báo kết luận (văn bản thuần, .docx hoặc PDF) để rà soát.",
    "Prints the meeting and each drafted task with what needs checking. --format json writes the draft as followup/1 for review (edit it, then 'followup import'); --save stores it at once as one action ('followup undo' takes it back). --evaluate DIR scores the extractor on a labelled set of notices.":
      "In thông tin cuộc họp và từng nhiệm vụ dự thảo, kèm những điểm cần kiểm tra. --format json ghi bản dự thảo dạng followup/1 để rà soát (chỉnh sửa rồi chạy 'followup import'); --save lưu ngay thành một thao tác ('followup undo' để hoàn tác). --evaluate DIR chấm điểm bộ trích xuất trên một tập thông báo đã gán nhãn.",
    "Save the drafted meeting and tasks as one action (every task needs a lead agency from the directory).":
      "Lưu cuộc họp và các nhiệm vụ dự thảo thành một thao tác (mỗi nhiệm vụ cần có cơ quan chủ trì trong danh mục).",
    "Score the extractor on a directory of notices (*.txt) with labels (*.labels.json).":
      "Chấm điểm bộ trích xuất trên một thư mục thông báo (*.txt) kèm nhãn (*.labels.json).",
    "The notice (.txt, .docx, .pdf; - for standard input).":
      "Thông báo kết luận (.txt, .docx, .pdf; - để đọc từ đầu vào chuẩn).",
    "table (default) or json (followup/1 with source sentences and checks).":
      "table (mặc định) hoặc json (followup/1 kèm câu gốc và các điểm cần kiểm tra).",
    "Export the directory and the tasks that match a filter as JSON (lossless), CSV or an Excel workbook.":
      "Xuất danh mục và các nhiệm vụ thỏa mãn điều kiện lọc ra JSON (đầy đủ, không mất thông tin), CSV hoặc bảng tính Excel.",
    "Import a followup/1 JSON file, a CSV file or an Excel workbook; all of it, or nothing.":
      "Nhập một tệp JSON followup/1, một tệp CSV hoặc một bảng tính Excel: nhập toàn bộ, hoặc không nhập gì.",
    "The file (.json, .csv, .xlsx or .xlsm; - for standard input).":
      "Tệp cần nhập (.json, .csv, .xlsx hoặc .xlsm; - để đọc từ đầu vào chuẩn).",
    "The worksheet to read from a workbook (default: the first).":
      "Trang tính cần đọc trong bảng tính (mặc định: trang đầu tiên).",
    "json (followup/1, lossless), csv (UTF-8 with BOM, for Excel) or xlsx (needs -o unless piped).":
      "json (followup/1, không mất thông tin), csv (UTF-8 có BOM, dùng cho Excel) hoặc xlsx (cần -o, trừ khi chuyển tiếp qua đường ống).",
    "markdown, csv, html or xlsx (needs -o unless piped).":
      "markdown, csv, html hoặc xlsx (cần -o, trừ khi chuyển tiếp qua đường ống).",
    "Counts the tasks assigned in the period (--from … --to) plus those carried over, as of --as-of (default: the end of the period). Formats: markdown; csv (UTF-8 with BOM for Excel and LibreOffice, --delimiter comma or semicolon, dates dd/mm/yyyy); html (one self-contained page with a bar per agency, printable on A4 landscape); xlsx (an Excel workbook: the Biểu with its merged header bands, rates as numbers formatted 0.0%, print titles on A4 landscape, and the annex on a second sheet; needs -o unless piped).":
      "Tổng hợp các nhiệm vụ được giao trong kỳ (--from … --to) và các nhiệm vụ kỳ trước chuyển sang, số liệu tính đến ngày --as-of (mặc định: ngày cuối kỳ). Định dạng: markdown; csv (UTF-8 có BOM, dùng cho Excel và LibreOffice, --delimiter comma hoặc semicolon, ngày dạng dd/mm/yyyy); html (một trang độc lập, mỗi cơ quan một thanh biểu đồ, in được trên khổ A4 ngang); xlsx (bảng tính Excel: Biểu tổng hợp với các dòng tiêu đề gộp ô, tỷ lệ ghi dạng số theo định dạng 0.0%, tiêu đề in lặp lại trên khổ A4 ngang, và Phụ lục ở trang tính thứ hai; cần -o, trừ khi chuyển tiếp qua đường ống).",
    "Create or upgrade FollowUp's schema and group roles in a database (run as its administrator).":
      "Tạo hoặc nâng cấp lược đồ dữ liệu và các nhóm vai trò của FollowUp trong một cơ sở dữ liệu (chạy với quyền quản trị cơ sở dữ liệu).",
    "Give a database login its FollowUp role, creating the login if needed.":
      "Cấp vai trò FollowUp cho một tài khoản đăng nhập cơ sở dữ liệu, tạo tài khoản nếu chưa có.",
    "List the logins with a FollowUp role.":
      "Liệt kê các tài khoản đăng nhập có vai trò FollowUp.",
    "Set up a PostgreSQL database for a whole office: schema, roles and logins.":
      "Thiết lập cơ sở dữ liệu PostgreSQL dùng chung cho cả cơ quan: lược đồ dữ liệu, vai trò và tài khoản đăng nhập.",
    "Take a login's FollowUp role away (the login stays; history names it).":
      "Thu hồi vai trò FollowUp của một tài khoản đăng nhập (tài khoản vẫn còn; lịch sử vẫn ghi tên tài khoản đó).",
    "The agency an agency login updates (its code).":
      "Cơ quan mà tài khoản cấp cơ quan được cập nhật (mã cơ quan).",
    "The database login, e.g. thuy_snv.":
      "Tài khoản đăng nhập cơ sở dữ liệu, ví dụ thuy_snv.",
    "The database login.":
      "Tài khoản đăng nhập cơ sở dữ liệu.",
    "The database, e.g. postgresql://admin@db.vp.local/followup.":
      "Cơ sở dữ liệu, ví dụ postgresql://admin@db.vp.local/followup.",
    "The person the login is (a ref from 'followup people').":
      "Cán bộ sử dụng tài khoản này (mã cán bộ trong 'followup people').",
    "The server is named by a postgresql:// address, given as the argument of init or with --file (else FOLLOWUP_FILE, else the config's file). libpq's conventions apply: PGHOST, PGUSER, PGPASSWORD, ~/.pgpass, PGSSLMODE, PGSERVICE.":
      "Máy chủ được chỉ định bằng một địa chỉ postgresql://, ghi làm tham số của init hoặc qua --file (nếu không có thì FOLLOWUP_FILE, nếu vẫn không có thì thiết lập file trong tệp cấu hình). Áp dụng các quy ước của libpq: PGHOST, PGUSER, PGPASSWORD, ~/.pgpass, PGSSLMODE, PGSERVICE.",
    "office, agency or viewer.":
      "office (văn phòng), agency (cơ quan) hoặc viewer (chỉ xem).",
    "office: everything. agency: reads everything; adds notes on tasks its agency leads or coordinates, reports completion and requests extensions on tasks it leads. viewer: reads only.":
      "office: toàn quyền. agency: xem mọi nhiệm vụ; ghi tiến độ cho các nhiệm vụ do cơ quan mình chủ trì hoặc phối hợp, báo cáo hoàn thành và đề nghị gia hạn đối với nhiệm vụ do cơ quan mình chủ trì. viewer: chỉ xem.",
  ]
}
