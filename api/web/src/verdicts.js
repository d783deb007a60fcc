// Verdicts explained for first-time programmers, in Vietnamese and English: what the verdict usually means and
// what to check. Each has its own icon (a symbol, never colour alone) and its name in words. The symbols are
// ones that common fonts have (DejaVu Sans on Linux, Segoe UI Symbol on Windows): no emoji.
export const VERDICTS = {
  AC: {
    icon: '✓',
    vi: { name: 'Đúng', means: 'Chương trình cho kết quả đúng trên mọi test đã chấm.', check: [] },
    en: { name: 'Accepted', means: 'Your program gave the right answer on every test that was judged.', check: [] },
  },
  WA: {
    icon: '✗',
    vi: {
      name: 'Sai kết quả',
      means: 'Chương trình chạy xong nhưng in ra kết quả khác đáp án ở ít nhất một test.',
      check: [
        'Đọc lại đề: định dạng đầu ra, thứ tự các số, chữ hoa/thường.',
        'Thử các trường hợp đặc biệt: N nhỏ nhất, lớn nhất, số âm, số 0, các phần tử bằng nhau.',
        'Tràn số: tổng hoặc tích có vượt quá int không? Dùng long long (C/C++), long (Java), i64 (Rust), Int64 (Pascal).',
        'Bỏ các dòng in thêm như "Nhập N:" hoặc thông báo gỡ lỗi.',
      ],
    },
    en: {
      name: 'Wrong answer',
      means: 'Your program finished, but its output differs from the expected answer on at least one test.',
      check: [
        'Re-read the statement: the output format, the order of numbers, upper/lower case.',
        'Try edge cases: the smallest and largest N, negative numbers, zero, equal elements.',
        'Overflow: can a sum or product exceed int? Use long long (C/C++), long (Java), i64 (Rust), Int64 (Pascal).',
        'Remove extra prints such as "Enter N:" or debugging output.',
      ],
    },
  },
  TLE: {
    icon: '◷',
    vi: {
      name: 'Quá thời gian',
      means: 'Chương trình chạy lâu hơn giới hạn thời gian của bài.',
      check: [
        'Ước lượng số phép tính: với N = 10⁵, thuật toán O(N²) là quá chậm.',
        'Vòng lặp vô hạn? Kiểm tra điều kiện dừng của vòng lặp và đệ quy.',
        'Đọc/ghi nhanh: trong C++ dùng ios::sync_with_stdio(false); trong Python dùng sys.stdin.',
        'Chương trình có chờ nhập thêm dữ liệu không có trong đề không?',
      ],
    },
    en: {
      name: 'Time limit exceeded',
      means: "Your program ran longer than the problem's time limit.",
      check: [
        'Count the operations: with N = 10⁵ an O(N²) algorithm is too slow.',
        'An endless loop? Check the stopping conditions of loops and recursion.',
        'Fast input/output: ios::sync_with_stdio(false) in C++, sys.stdin in Python.',
        'Does your program wait for input that the test does not give?',
      ],
    },
  },
  RTE: {
    icon: '⚠',
    vi: {
      name: 'Lỗi khi chạy',
      means: 'Chương trình dừng đột ngột (bị lỗi) hoặc trả về mã thoát khác 0.',
      check: [
        'Truy cập mảng ngoài phạm vi: chỉ số âm hoặc ≥ kích thước mảng.',
        'Chia cho 0, hoặc đệ quy quá sâu (tràn ngăn xếp).',
        'C/C++: hàm main phải trả về 0. Java: ngoại lệ chưa được bắt.',
        'Python: đọc sai định dạng đầu vào (ví dụ nhiều số trên một dòng).',
      ],
    },
    en: {
      name: 'Run-time error',
      means: 'Your program crashed or ended with a non-zero exit code.',
      check: [
        'An array index out of range: negative or ≥ the array size.',
        'Division by zero, or recursion too deep (stack overflow).',
        'C/C++: main must return 0. Java: an uncaught exception.',
        'Python: reading the input in the wrong shape (e.g. several numbers on one line).',
      ],
    },
  },
  MLE: {
    icon: '▦',
    vi: {
      name: 'Quá bộ nhớ',
      means: 'Chương trình dùng nhiều bộ nhớ hơn giới hạn của bài.',
      check: [
        'Tính kích thước mảng: 10⁸ số int là 400 MB.',
        'Đệ quy quá sâu cũng tốn bộ nhớ.',
        'Không lưu những gì không cần: đọc và xử lý từng phần.',
      ],
    },
    en: {
      name: 'Memory limit exceeded',
      means: "Your program used more memory than the problem's limit.",
      check: [
        'Work out array sizes: 10⁸ ints take 400 MB.',
        'Very deep recursion uses memory too.',
        'Do not keep what you do not need: read and process piece by piece.',
      ],
    },
  },
  OLE: {
    icon: '≡',
    vi: {
      name: 'Quá giới hạn xuất',
      means: 'Chương trình in ra quá nhiều dữ liệu.',
      check: ['Vòng lặp in không dừng?', 'Bỏ các dòng in gỡ lỗi.'],
    },
    en: {
      name: 'Output limit exceeded',
      means: 'Your program printed far too much.',
      check: ['A printing loop that never stops?', 'Remove debugging output.'],
    },
  },
  CE: {
    icon: '⚙',
    vi: {
      name: 'Lỗi biên dịch',
      means: 'Trình biên dịch không dịch được mã nguồn, nên chương trình chưa được chạy.',
      check: [
        'Đọc thông báo lỗi: nó ghi số dòng; bấm vào để nhảy tới dòng đó.',
        'Đã chọn đúng ngôn ngữ chưa? (C và C++, Python, Java, Pascal, Rust, JavaScript).',
        'Java: lớp chứa main nên tên là Main và không có dòng package.',
        'Thiếu dấu chấm phẩy, ngoặc hoặc #include?',
      ],
    },
    en: {
      name: 'Compile error',
      means: 'The compiler could not translate your code, so it was not run.',
      check: [
        'Read the messages: they give a line number; click it to jump to that line.',
        'Is the right language chosen? (C vs C++, Python, Java, Pascal, Rust, JavaScript).',
        'Java: name the class with main Main and leave out any package line.',
        'A missing semicolon, bracket or #include?',
      ],
    },
  },
  PE: {
    icon: '␣',
    vi: {
      name: 'Sai định dạng',
      means: 'Kết quả gần đúng nhưng cách trình bày (dấu cách, xuống dòng) khác yêu cầu.',
      check: ['Kiểm tra dấu cách và xuống dòng theo đúng đề.'],
    },
    en: {
      name: 'Presentation error',
      means: 'The answer is nearly right but spaces or line breaks differ from what is asked.',
      check: ['Check spaces and line breaks against the statement.'],
    },
  },
  JE: {
    icon: '⚑',
    vi: {
      name: 'Lỗi hệ thống chấm',
      means: 'Hệ thống chấm gặp sự cố; đây không phải lỗi của bạn.',
      check: ['Báo cho ban tổ chức; bài sẽ được chấm lại.'],
    },
    en: {
      name: 'Judge error',
      means: 'The judging system had a problem; this is not your fault.',
      check: ['Tell the organisers; the submission will be judged again.'],
    },
  },
};

export function verdictInfo(id, lang) {
  const v = VERDICTS[id];
  if (!v) return null;
  return { id, icon: v.icon, ...(v[lang === 'en' ? 'en' : 'vi']) };
}
