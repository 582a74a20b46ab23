package io.clientele.shell.internal;

import io.clientele.platform.api.module.ModuleDescriptor;
import io.clientele.platform.api.module.ModuleRegistry;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "clientele", name = "module-list", description = "Lists the modules installed in this runtime")
public class ModuleListCommand implements Action {

    @Reference
    ModuleRegistry modules;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Version");
        for (ModuleDescriptor m : modules.installed()) {
            table.addRow().addContent(m.id(), m.name(), m.version());
        }
        table.print(System.out);
        return null;
    }
}
