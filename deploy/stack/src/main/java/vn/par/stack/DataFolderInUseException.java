package vn.par.stack;

import java.nio.file.Path;

/** Another launcher holds the data folder ({@link DataFolderLock}); nothing was started or changed. */
public class DataFolderInUseException extends StackException {

    private final transient DataFolderLock.Holder holder;

    public DataFolderInUseException(Path folder, DataFolderLock.Holder holder) {
        super(message(folder, holder));
        this.holder = holder;
    }

    public DataFolderLock.Holder holder() {
        return holder;
    }

    private static String message(Path folder, DataFolderLock.Holder h) {
        String n = System.lineSeparator();
        Path file = folder.resolve(DataFolderLock.FILE_NAME);
        if (h.pid() < 0) {
            return "Thư mục dữ liệu " + folder + " đang được một tiến trình khác giữ (khóa " + file + "; `fuser -v " + file
                    + "` cho biết tiến trình nào). Trình khởi chạy này dừng lại, không khởi động và không thay đổi gì." + n
                    + "The data folder " + folder + " is held by another process (lock " + file + "; `fuser -v " + file
                    + "` names it). This launcher stops here; it started and changed nothing.";
        }
        return "Thư mục dữ liệu " + folder + " đang được một trình khởi chạy khác giữ: tiến trình " + h.pid()
                + ", chạy từ " + h.startedAt() + ", lệnh: " + h.commandLine() + n
                + "Trình khởi chạy này dừng lại, không khởi động và không thay đổi gì. Muốn chạy trên thư mục này, hãy dừng"
                + " trình kia trước: nhấn Ctrl-C trong cửa sổ dòng lệnh của nó, hoặc chạy `kill " + h.pid()
                + "`; hoặc chọn thư mục khác với --data=DIR." + n
                + "The data folder " + folder + " is held by another launcher: process " + h.pid() + ", running since "
                + h.startedAt() + ", command: " + h.commandLine() + n
                + "This launcher stops here; it started and changed nothing. Stop the other one first (Ctrl-C in its"
                + " terminal, or `kill " + h.pid() + "`), or choose another folder with --data=DIR.";
    }
}
