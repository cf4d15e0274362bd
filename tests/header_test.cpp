/* r57.h compiles alone under strict C11 and links against nothing. */
#include <r57.h>

int main(void)
{
    return R57_OK + (R57_VERSION_NUMBER > 0 ? 0 : 1);
}
